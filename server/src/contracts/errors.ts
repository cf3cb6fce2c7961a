/** The one error body every route answers with. `code` is stable; `message` is for people. */
export interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
}
