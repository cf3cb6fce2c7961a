import type Docker from 'dockerode';
import { toDockerError, withTimeout } from '../docker/errors.ts';
import { PROJECT_LABEL } from '../docker/labels.ts';
import type { InventoryContainer, InventoryVolume } from './plan.ts';

const READ_TIMEOUT_MS = 10_000;

const nameOf = (names: string[] | undefined, id: string) => (names?.[0] ?? id.slice(0, 12)).replace(/^\//, '');

/** The project's containers and named volumes, selected by Docker's label filter (the plan re-checks the labels). */
export async function readInventory(
  docker: Docker,
  project: string,
): Promise<{ containers: InventoryContainer[]; volumes: InventoryVolume[] }> {
  const label = [`${PROJECT_LABEL}=${project}`];
  try {
    const [containers, volumeList] = await Promise.all([
      withTimeout(docker.listContainers({ all: true, filters: { label } }), READ_TIMEOUT_MS, 'list containers'),
      withTimeout(docker.listVolumes({ filters: { label } }), READ_TIMEOUT_MS, 'list volumes'),
    ]);
    const volumes = await Promise.all(
      (volumeList.Volumes ?? []).map(async (v): Promise<InventoryVolume> => {
        // Any container mounting it, whatever its project: such a volume cannot be removed while it is mounted.
        const users = await withTimeout(
          docker.listContainers({ all: true, filters: { volume: [v.Name] } }),
          READ_TIMEOUT_MS,
          'list volume users',
        );
        return {
          name: v.Name,
          driver: v.Driver,
          labels: v.Labels ?? {},
          usedBy: users.map((u) => ({ id: u.Id, name: nameOf(u.Names, u.Id) })),
        };
      }),
    );
    return {
      containers: containers.map((c) => ({
        id: c.Id,
        name: nameOf(c.Names, c.Id),
        labels: c.Labels ?? {},
        state: c.State,
        image: c.Image,
      })),
      volumes,
    };
  } catch (error) {
    throw toDockerError(error, `list the containers and volumes of project "${project}"`);
  }
}
