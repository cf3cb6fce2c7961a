/** Labels Compose puts on every container it creates (compose-spec: com.docker.compose.*). */
export const PROJECT_LABEL = 'com.docker.compose.project';
export const SERVICE_LABEL = 'com.docker.compose.service';
