/**
 * The model route file: each route declares its schema (params, query, body, every response — imported from
 * contracts/), makes one service call, and translates only HTTP (status codes). Copy this shape for a new route.
 */
import { ErrorResponses } from '../contracts/common.ts';
import {
  ConsumerGroupLag,
  ConsumerGroupParams,
  CreateTopicInput,
  CreateTopicResult,
  TopicDetail,
  TopicListResponse,
  TopicParams,
} from '../contracts/topics.ts';
import type { PanelApp } from '../http/panel-app.ts';
import type { TopicService } from '../services/topics.ts';

const tags = ['topics'];

export function topicRoutes(app: PanelApp, topics: TopicService): void {
  app.get('/api/topics', { schema: { tags, summary: 'List topics', response: { 200: TopicListResponse, ...ErrorResponses } } }, () =>
    topics.list(),
  );

  app.get(
    '/api/topics/:name',
    { schema: { tags, summary: 'Describe a topic', params: TopicParams, response: { 200: TopicDetail, ...ErrorResponses } } },
    (request) => topics.describe(request.params.name),
  );

  app.post(
    '/api/topics',
    {
      schema: {
        tags,
        summary: 'Create a topic (idempotent: the same topic again changes nothing)',
        body: CreateTopicInput,
        response: { 200: CreateTopicResult, 201: CreateTopicResult, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const result = await topics.create(request.body);
      return reply.status(result.created ? 201 : 200).send(result);
    },
  );

  app.get(
    '/api/consumer-groups/:group/lag',
    {
      schema: {
        tags,
        summary: "A consumer group's lag per partition",
        params: ConsumerGroupParams,
        response: { 200: ConsumerGroupLag, ...ErrorResponses },
      },
    },
    (request) => topics.groupLag(request.params.group),
  );
}
