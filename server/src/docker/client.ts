import Docker from 'dockerode';

/** A dockerode client for DOCKER_HOST (unix://, tcp://, http(s)://) or the default local socket. */
export function createDockerClient(dockerHost: string | null): Docker {
  if (!dockerHost) return new Docker({ socketPath: '/var/run/docker.sock' });
  if (dockerHost.startsWith('unix://')) return new Docker({ socketPath: dockerHost.slice('unix://'.length) });
  if (dockerHost.startsWith('npipe://')) return new Docker({ socketPath: dockerHost.slice('npipe://'.length) });
  const url = new URL(dockerHost.replace(/^tcp:/, 'http:'));
  return new Docker({ host: url.hostname, port: Number(url.port || 2375), protocol: url.protocol === 'https:' ? 'https' : 'http' });
}

export type { Docker };
