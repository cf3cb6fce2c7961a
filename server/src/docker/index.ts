import type { ComposeSource } from '../compose/source.ts';
import { runCompose } from '../compose/cli.ts';
import type { PanelConfig } from '../config.ts';
import { createDockerClient } from './client.ts';
import { ProjectDocker } from './project-docker.ts';
import { StackMonitor, type StackMonitorOptions } from './stack-monitor.ts';

export { createDockerClient } from './client.ts';
export { ProjectDocker } from './project-docker.ts';
export { StackMonitor } from './stack-monitor.ts';
export { streamContainerLogs, type LogOptions, type LogStream } from './logs.ts';
export { assertContainerInProject } from './guard.ts';
export { PROJECT_LABEL, SERVICE_LABEL } from './labels.ts';

/** The Docker side of the panel for one configured compose project. */
export function createProjectDocker(config: PanelConfig, compose: ComposeSource): ProjectDocker {
  return new ProjectDocker({
    docker: createDockerClient(config.dockerHost),
    project: config.project,
    declared: async () => (await compose.model()).services,
    createService: async (service) => {
      await runCompose({ project: config.project, projectDir: config.projectDir, composePath: config.composePath }, ['up', '-d', service]);
    },
  });
}

export function createStackMonitor(
  projectDocker: ProjectDocker,
  compose: ComposeSource,
  composeFile: string,
  log?: StackMonitorOptions['log'],
): StackMonitor {
  return new StackMonitor({ projectDocker, compose, composeFile, log });
}
