import { PANEL_HEADER } from '@pipeline-panel/server/security/request-guard';

/** The header every mutating request needs (the panel's web client sends it on every request); tests send it too. */
export const panelHeader = { [PANEL_HEADER.name.toLowerCase()]: PANEL_HEADER.value };
