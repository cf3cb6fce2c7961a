import type Docker from 'dockerode';
import { lazyModule } from '../lazy-module.ts';

const dockerode = lazyModule<typeof Docker>('dockerode');

/**
 * A dockerode client for DOCKER_HOST (unix://, tcp://, http(s)://) or the default local socket. dockerode (with its
 * SSH and HTTP stack) is loaded on the client's first use, after the panel answers its first request.
 */
export function createDockerClient(dockerHost: string | null): Docker {
  let docker: Docker | undefined;
  const real = () => (docker ??= connect(dockerHost));
  return new Proxy({} as Docker, {
    get: (_target, property) => {
      const value = Reflect.get(real(), property) as unknown;
      return typeof value === 'function' ? value.bind(real()) : value;
    },
  });
}

function connect(dockerHost: string | null): Docker {
  const Docker = dockerode();
  if (!dockerHost) return new Docker({ socketPath: '/var/run/docker.sock' });
  if (dockerHost.startsWith('unix://')) return new Docker({ socketPath: dockerHost.slice('unix://'.length) });
  if (dockerHost.startsWith('npipe://')) return new Docker({ socketPath: dockerHost.slice('npipe://'.length) });
  const url = new URL(dockerHost.replace(/^tcp:/, 'http:'));
  return new Docker({ host: url.hostname, port: Number(url.port || 2375), protocol: url.protocol === 'https:' ? 'https' : 'http' });
}

export type { Docker };
