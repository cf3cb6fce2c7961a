import { ErrorResponses } from '../contracts/common.ts';
import { GroupDetail, GroupListResponse, ResetOffsetsInput, ResetOffsetsResult } from '../contracts/groups.ts';
import { ConsumerGroupParams } from '../contracts/topics.ts';
import type { PanelApp } from '../http/panel-app.ts';
import type { GroupService } from '../services/groups.ts';

const tags = ['consumer groups'];

export function groupRoutes(app: PanelApp, groups: GroupService): void {
  app.get(
    '/api/consumer-groups',
    {
      schema: {
        tags,
        summary: 'Every consumer group with state, members and total lag',
        response: { 200: GroupListResponse, ...ErrorResponses },
      },
    },
    () => groups.list(),
  );

  app.get(
    '/api/consumer-groups/:group',
    {
      schema: {
        tags,
        summary: "A group's members, assignments and lag per partition",
        params: ConsumerGroupParams,
        response: { 200: GroupDetail, ...ErrorResponses },
      },
    },
    (request) => groups.detail(request.params.group),
  );

  app.post(
    '/api/consumer-groups/:group/reset-offsets',
    {
      schema: {
        tags,
        summary: "Reset a group's offsets (dry run first; only with no members; type the group id to confirm)",
        params: ConsumerGroupParams,
        body: ResetOffsetsInput,
        response: { 200: ResetOffsetsResult, ...ErrorResponses },
      },
    },
    (request) => groups.resetOffsets(request.params.group, request.body),
  );
}
