import { ErrorResponses } from '../contracts/common.ts';
import {
  BrowseMessagesQuery,
  BrowseMessagesResponse,
  MessagesParams,
  ProduceMessageInput,
  ProduceMessageResult,
} from '../contracts/messages.ts';
import type { PanelApp } from '../http/panel-app.ts';
import type { MessageService } from '../services/messages.ts';

const tags = ['messages'];

export function messageRoutes(app: PanelApp, messages: MessageService): void {
  app.get(
    '/api/topics/:name/messages',
    {
      schema: {
        tags,
        summary: "A bounded page of a topic's messages, decoded (reads without a consumer group; commits nothing)",
        params: MessagesParams,
        querystring: BrowseMessagesQuery,
        response: { 200: BrowseMessagesResponse, ...ErrorResponses },
      },
    },
    (request) => messages.browse(request.params.name, request.query),
  );

  app.post(
    '/api/topics/:name/messages',
    {
      schema: {
        tags,
        summary: 'Produce one message (Avro checked against a pinned subject version, JSON, text or a tombstone)',
        params: MessagesParams,
        body: ProduceMessageInput,
        response: { 201: ProduceMessageResult, ...ErrorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await messages.produce(request.params.name, request.body)),
  );
}
