import { AppError } from '../errors/app-error.ts';
import { PROJECT_LABEL, SERVICE_LABEL } from './labels.ts';

/**
 * A container may be read or acted on only when it carries this project's label AND its service label names a
 * service declared in the compose file — anyone can set the label, so the label alone is not membership.
 */
export function assertContainerInProject(
  labels: Record<string, string> | null | undefined,
  project: string,
  declaredServices: ReadonlySet<string>,
  containerRef: string,
): string {
  const service = labels?.[SERVICE_LABEL];
  if (labels?.[PROJECT_LABEL] !== project || !service || !declaredServices.has(service)) {
    throw new AppError(
      403,
      'NOT_IN_PROJECT',
      `Container ${containerRef} is not part of compose project "${project}" (it must carry the project label and belong to a declared service)`,
      { container: containerRef, project, projectLabel: labels?.[PROJECT_LABEL] ?? null, serviceLabel: service ?? null },
    );
  }
  return service;
}
