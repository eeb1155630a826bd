// The transport over HTTP (transport.ts; docs/sync-protocol.md, P1–P10), on node:http with a
// keep-alive agent: requests carry the bearer token, pushes and pages travel brotli-compressed,
// answers are checked against the protocol's schemas before the engine sees them, and every
// failure becomes a FerryError saying what happened in words (the server unreachable, a token
// refused, a proxy answering HTML).

import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { promisify } from 'node:util';
import { brotliCompress, brotliDecompress, constants as zlib, gunzip } from 'node:zlib';
import type { ZodType } from 'zod';
import { errorCodes, FerryError, type ErrorCode } from '../../shared/errors.js';
import type { Envelope } from '../../shared/stream.js';
import {
  errorAnswerSchema,
  journalsAnswerSchema,
  mediaTypes,
  movedNoticeSchema,
  pageHeaderSchema,
  pushAnswerSchema,
  type JournalsAnswer,
  type PushAnswer,
  type PushHeader,
  type SyncRequest,
} from '../../shared/sync-protocol.js';
import { StreamFormatError } from '../stream/bytes.js';
import { decodeFramed, encodeFramed } from '../stream/framed.js';
import type { EventsHandlers, PageAnswer, SyncTransport, WireCost } from './transport.js';

const compress = promisify(brotliCompress);
const decompressBrotli = promisify(brotliDecompress);
const decompressGzip = promisify(gunzip);

export interface HttpTransportOptions {
  /** The server's base URL, e.g. http://127.0.0.1:8123 (a path prefix is kept). */
  url: string;
  token: string;
  /** A request with no bytes moving for this long fails as Offline. */
  timeoutMs?: number;
}

interface Answer {
  status: number;
  type: string;
  body: Buffer;
  wire: WireCost;
}

export class HttpTransport implements SyncTransport {
  readonly describe: string;
  private readonly base: URL;
  private readonly agent: http.Agent;
  private readonly timeoutMs: number;

  constructor(private readonly options: HttpTransportOptions) {
    this.base = parseServerUrl(options.url);
    this.describe = this.base.href.replace(/\/$/, '');
    this.agent = new (this.base.protocol === 'https:' ? https.Agent : http.Agent)({ keepAlive: true, maxSockets: 4 });
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  async sync(journalId: string, request: SyncRequest): Promise<PageAnswer> {
    const answer = await this.request('POST', `v1/journals/${journalId}/sync`, Buffer.from(JSON.stringify(request)), 'application/json');
    if (!answer.type.startsWith(mediaTypes.page)) throw this.notProtocol(answer, `a page (${mediaTypes.page})`);
    let decoded: ReturnType<typeof decodeFramed>;
    try {
      decoded = decodeFramed(answer.body);
    } catch (error) {
      if (error instanceof StreamFormatError) throw new FerryError('ServerError', `${this.describe} sent a damaged page (${error.message}); nothing of it was stored.`);
      throw error;
    }
    const header = this.check(pageHeaderSchema, decoded.header, 'page header');
    if (header.count !== decoded.envelopes.length) {
      throw new FerryError('ServerError', `${this.describe} sent a page announcing ${header.count} versions holding ${decoded.envelopes.length}; nothing of it was stored.`);
    }
    return { header, envelopes: decoded.envelopes, wire: answer.wire };
  }

  async push(journalId: string, header: PushHeader, envelopes: readonly Envelope[]): Promise<PushAnswer & { wire: WireCost }> {
    const body = encodeFramed(header, envelopes);
    const compressed = body.length < 1024 ? null : await compress(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_LGWIN]: 24, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } });
    const answer = await this.request('POST', `v1/journals/${journalId}/push`, compressed ?? body, mediaTypes.push, compressed === null ? {} : { 'content-encoding': 'br' });
    return { ...this.checkJson(pushAnswerSchema, answer, 'push answer'), wire: answer.wire };
  }

  async journals(): Promise<JournalsAnswer> {
    return this.checkJson(journalsAnswerSchema, await this.request('GET', 'v1/journals'), 'list of journals');
  }

  listen(journalId: string, handlers: EventsHandlers): () => void {
    let closed = false;
    const finish = (error: Error | null) => {
      if (closed) return;
      closed = true;
      handlers.onClosed(error);
    };
    const url = new URL(`v1/journals/${journalId}/events`, this.base);
    const request = (url.protocol === 'https:' ? https : http).request(url, {
      method: 'GET',
      // Its own connection: an event stream would hold a pooled socket for as long as it lives.
      agent: false,
      headers: { authorization: `Bearer ${this.options.token}`, accept: 'text/event-stream' },
    });
    request.on('response', (response) => {
      if (response.statusCode !== 200) {
        void readAll(response).then(
          (body) => finish(this.failure({ status: response.statusCode ?? 0, type: response.headers['content-type'] ?? '', body, wire: none })),
          (error: unknown) => finish(this.unreachable(error as Error)),
        );
        return;
      }
      response.setEncoding('utf8');
      let buffered = '';
      response.on('data', (chunk: string) => {
        buffered += chunk;
        if (buffered.length > 1024 * 1024) {
          request.destroy();
          finish(new FerryError('ServerError', `${this.describe} sent an event longer than 1 MiB.`));
          return;
        }
        let end: number;
        while ((end = buffered.indexOf('\n\n')) >= 0) {
          const event = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          this.dispatch(event, handlers);
        }
      });
      response.on('end', () => finish(null));
      response.on('error', (error) => finish(this.unreachable(error)));
    });
    request.on('error', (error) => finish(this.unreachable(error)));
    request.end();
    return () => {
      closed = true;
      request.destroy();
    };
  }

  close(): void {
    this.agent.destroy();
  }

  private dispatch(event: string, handlers: EventsHandlers): void {
    let name = 'message';
    let data = '';
    for (const line of event.split('\n')) {
      if (line.startsWith('event:')) name = line.slice(6).trim();
      else if (line.startsWith('data:')) data += line.slice(5).trim();
    }
    if (name !== 'moved') return;
    try {
      const notice = movedNoticeSchema.safeParse(JSON.parse(data));
      if (notice.success) handlers.onMoved(notice.data);
    } catch {
      // A notice is a hint to sync; one that does not parse is ignored like a comment line.
    }
  }

  private request(method: 'GET' | 'POST', path: string, body?: Buffer, type?: string, extra: Record<string, string> = {}): Promise<Answer> {
    const url = new URL(path, this.base);
    const headers: Record<string, string> = { authorization: `Bearer ${this.options.token}`, 'accept-encoding': 'br, gzip', ...extra };
    if (body !== undefined) {
      headers['content-type'] = type!;
      headers['content-length'] = String(body.length);
    }
    return new Promise<Answer>((resolve, reject) => {
      const request = (url.protocol === 'https:' ? https : http).request(url, { method, agent: this.agent, headers });
      request.setTimeout(this.timeoutMs, () => request.destroy(new FerryError('Offline', `${this.describe} did not answer within ${Math.round(this.timeoutMs / 1000)} s.`)));
      request.on('error', (error) => reject(this.unreachable(error)));
      request.on('response', (response) => {
        readAll(response).then(
          async (raw) => {
            const encoding = response.headers['content-encoding'] ?? 'identity';
            let decoded: Buffer;
            try {
              decoded = encoding === 'br' ? await decompressBrotli(raw) : encoding === 'gzip' ? await decompressGzip(raw) : raw;
            } catch {
              throw new FerryError('ServerError', `${this.describe} sent a ${encoding} body that does not decompress; nothing of it was stored.`);
            }
            const answer: Answer = {
              status: response.statusCode ?? 0,
              type: response.headers['content-type'] ?? '',
              body: decoded,
              wire: { requests: 1, bytesUp: body?.length ?? 0, bytesDown: raw.length },
            };
            if (answer.status !== 200) throw this.failure(answer);
            resolve(answer);
          },
          (error: unknown) => reject(this.unreachable(error as Error)),
        ).catch(reject);
      });
      request.end(body);
    });
  }

  private checkJson<T>(schema: ZodType<T>, answer: Answer, what: string): T {
    if (!answer.type.startsWith('application/json')) throw this.notProtocol(answer, 'JSON');
    let json: unknown;
    try {
      json = JSON.parse(answer.body.toString('utf8'));
    } catch {
      throw this.notProtocol(answer, 'JSON');
    }
    return this.check(schema, json, what);
  }

  private check<T>(schema: ZodType<T>, value: unknown, what: string): T {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    throw new FerryError('ServerError', `${this.describe} sent a ${what} that is not in Ferry's sync protocol (${parsed.error.issues[0]!.message}); is it a Ferry sync server of this version?`);
  }

  /** An answer other than 200, as the error the engine acts on. */
  private failure(answer: Answer): FerryError {
    let error: { code: string; message: string } | undefined;
    try {
      const parsed = errorAnswerSchema.safeParse(JSON.parse(answer.body.toString('utf8')));
      if (parsed.success) error = parsed.data.error;
    } catch {
      error = undefined;
    }
    if (error === undefined) {
      if (answer.status === 404) return new FerryError('ServerError', `${this.describe} is not a Ferry sync server (it answered 404). Check the URL.`);
      if (answer.status === 502 || answer.status === 503 || answer.status === 504) return new FerryError('Offline', `${this.describe} is unavailable (${answer.status}); Ferry will try again.`);
      return this.notProtocol(answer, 'a Ferry error');
    }
    const code: ErrorCode = (errorCodes as readonly string[]).includes(error.code) ? (error.code as ErrorCode) : 'ServerError';
    if (answer.status === 401) return new FerryError('AuthRejected', error.message);
    if (answer.status === 403) return new FerryError('Forbidden', error.message);
    if (answer.status === 503) return new FerryError('Offline', `${this.describe} is unavailable: ${error.message}`);
    if (answer.status >= 500) return new FerryError('ServerError', `${this.describe} failed (${answer.status}): ${error.message}`);
    return new FerryError(code, error.message);
  }

  private notProtocol(answer: Answer, expected: string): FerryError {
    return new FerryError('ServerError', `${this.describe} answered ${answer.status} with ${answer.type || 'no content type'} instead of ${expected}: is the URL a Ferry sync server?`);
  }

  private unreachable(error: Error): FerryError {
    if (error instanceof FerryError) return error;
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const why =
      code === 'ECONNREFUSED' ? 'connection refused: is the server running?'
      : code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'its name does not resolve: no network, or a typo in the URL'
      : code === 'ECONNRESET' || error.message === 'socket hang up' ? 'the connection was cut'
      : code === 'ETIMEDOUT' ? 'the connection timed out'
      : code === 'ENETUNREACH' || code === 'EHOSTUNREACH' ? 'the network is unreachable'
      : error.message;
    return new FerryError('Offline', `${this.describe} cannot be reached (${why}).`, { cause: error });
  }
}

const none: WireCost = { requests: 0, bytesUp: 0, bytesDown: 0 };

/** A server URL as a base for the protocol's paths; BadInput when it is not an http(s) URL. */
export function parseServerUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new FerryError('BadInput', `"${text}" is not a URL; give the sync server's address, like http://192.168.1.20:8123.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FerryError('BadInput', `"${text}" is not an http or https URL.`);
  if (url.username !== '' || url.password !== '') throw new FerryError('BadInput', 'Give the token with --token, not inside the URL.');
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  url.search = '';
  url.hash = '';
  return url;
}

function readAll(response: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => (response.complete ? resolve(Buffer.concat(chunks)) : reject(new Error('socket hang up'))));
    response.on('error', reject);
    response.on('aborted', () => reject(new Error('socket hang up')));
  });
}
