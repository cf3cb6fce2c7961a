import { ErrorResponses } from '../contracts/common.ts';
import {
  ConfirmTopicInput,
  DeleteRecordsInput,
  DeleteRecordsResult,
  DeleteTopicResult,
  TopicConfigsResponse,
  UpdateTopicConfigsInput,
  UpdateTopicConfigsResult,
} from '../contracts/topic-settings.ts';
import { TopicParams } from '../contracts/topics.ts';
import type { PanelApp } from '../http/panel-app.ts';
import type { TopicSettingsService } from '../services/topic-settings.ts';

const tags = ['topics'];

export function topicSettingsRoutes(app: PanelApp, settings: TopicSettingsService): void {
  app.get(
    '/api/topics/:name/configs',
    {
      schema: {
        tags,
        summary: "Every config of a topic with its source (the topic's own, broker, default)",
        params: TopicParams,
        response: { 200: TopicConfigsResponse, ...ErrorResponses },
      },
    },
    (request) => settings.configs(request.params.name),
  );

  app.put(
    '/api/topics/:name/configs',
    {
      schema: {
        tags,
        summary: 'Change retention.ms, retention.bytes or cleanup.policy (incremental: other configs stay; null resets)',
        params: TopicParams,
        body: UpdateTopicConfigsInput,
        response: { 200: UpdateTopicConfigsResult, ...ErrorResponses },
      },
    },
    (request) => settings.update(request.params.name, request.body),
  );

  app.delete(
    '/api/topics/:name',
    {
      schema: {
        tags,
        summary: 'Delete a topic (type its name to confirm; internal topics are refused)',
        params: TopicParams,
        body: ConfirmTopicInput,
        response: { 200: DeleteTopicResult, ...ErrorResponses },
      },
    },
    (request) => settings.remove(request.params.name, request.body.confirm),
  );

  app.post(
    '/api/topics/:name/delete-records',
    {
      schema: {
        tags,
        summary: 'Delete the records before an offset, per partition (type the topic name to confirm)',
        params: TopicParams,
        body: DeleteRecordsInput,
        response: { 200: DeleteRecordsResult, ...ErrorResponses },
      },
    },
    (request) => settings.deleteRecords(request.params.name, request.body),
  );
}
