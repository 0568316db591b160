// The JSON API client (engine/Ivr.Console/API.md). The session cookie is HttpOnly and the CSRF
// token lives only in memory: nothing about the session is written to localStorage.

/** An API refusal or failure: status code, the API's error code, its message (400) and Retry-After (429). */
export class ApiError extends Error {
  /** `body`: the whole JSON answer (e.g. a save conflict's `revision` and `diff`), or undefined. */
  constructor(status, code, message, retryAfterSeconds, body) {
    super(message || code || `HTTP ${status}`);
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
    this.body = body;
  }
}

let csrfToken = null;
let onUnauthenticated = () => {};

/** Remembers the token from a sign-in or GET /api/session answer (or forgets it with null). */
export function setCsrfToken(token) { csrfToken = token; }

/** Called when any request answers 401 unauthenticated: the session expired or was ended elsewhere. */
export function onSessionLost(handler) { onUnauthenticated = handler; }

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Sends a request and returns the body: parsed JSON for JSON answers, text otherwise, null for 204/304.
 * Throws ApiError for every non-2xx answer.
 */
export async function request(path, { method = 'GET', body, headers = {}, accept = 'application/json', quietAuth = false } = {}) {
  const sent = { Accept: accept, ...headers };
  if (body !== undefined) sent['Content-Type'] = 'application/json';
  if (UNSAFE.has(method) && csrfToken) sent['X-CSRF-Token'] = csrfToken;
  const response = await fetch(path, {
    method, headers: sent, credentials: 'same-origin', cache: 'no-store',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204 || response.status === 304) return null;
  const type = response.headers.get('Content-Type') ?? '';
  const payload = type.includes('json') ? await response.json().catch(() => null) : await response.text();
  if (response.ok) return payload;

  const code = payload && typeof payload === 'object' ? payload.error : undefined;
  const message = payload && typeof payload === 'object' ? payload.message : undefined;
  const retryAfter = Number(response.headers.get('Retry-After')) || undefined;
  const error = new ApiError(response.status, code, message, retryAfter, payload && typeof payload === 'object' ? payload : undefined);
  if (response.status === 401 && code !== 'invalid_credentials' && !quietAuth) onUnauthenticated(error);
  throw error;
}

export const get = (path, options) => request(path, options);
export const post = (path, body, options) => request(path, { ...options, method: 'POST', body });
export const patch = (path, body, options) => request(path, { ...options, method: 'PATCH', body });
export const del = (path, options) => request(path, { ...options, method: 'DELETE' });

/** POSTs a file as the raw request body (an upload), with the CSRF token; answers like request(). */
export async function upload(path, file) {
  const response = await fetch(path, {
    method: 'POST', credentials: 'same-origin', cache: 'no-store', body: file,
    headers: { Accept: 'application/json', 'Content-Type': file.type || 'application/octet-stream', ...(csrfToken ? { 'X-CSRF-Token': csrfToken } : {}) },
  });
  const payload = await response.json().catch(() => null);
  if (response.ok) return payload;
  throw new ApiError(response.status, payload?.error, payload?.message);
}

/** Builds a query string from the non-empty values of an object. */
export function query(values) {
  const parameters = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && value !== null && value !== '') parameters.set(name, value);
  }
  const text = parameters.toString();
  return text ? `?${text}` : '';
}

/** A Chinese sentence for an error, the one every page shows. */
export function describeError(error) {
  if (!(error instanceof ApiError)) return `无法连接服务器：${error.message}`;
  switch (error.code) {
    case 'forbidden': return '您的角色无权查看或操作此内容。如需访问，请联系管理员。';
    case 'csrf': return '请求未通过安全校验，请刷新页面后重试。';
    case 'unauthenticated': return '会话已过期，请重新登录。';
    case 'invalid_credentials': return '用户名或密码错误。';
    case 'too_many_attempts': {
      const minutes = error.retryAfterSeconds ? Math.max(1, Math.ceil(error.retryAfterSeconds / 60)) : null;
      return minutes ? `登录失败次数过多，请 ${minutes} 分钟后再试。` : '登录失败次数过多，请稍后再试。';
    }
    case 'not_found': return '找不到该记录。';
    case 'conflict': return '操作与当前状态冲突（例如名称已被占用，或不能修改自己的角色）。';
    case 'bad_request': return `输入有误：${error.message && error.message !== error.code ? error.message : '请检查填写的内容。'}`;
    case 'fax_service_not_installed': return '传真服务尚未安装，暂时无法查看或重发传真。';
    case 'graphviz_missing': return '服务器未安装 Graphviz，无法绘制流程图。';
    default: return `服务器返回错误（${error.status}${error.code ? ` ${error.code}` : ''}）。`;
  }
}

/** True when the error is a refusal because of the role (not CSRF, not sign-in). */
export const isForbidden = error => error instanceof ApiError && error.status === 403 && error.code !== 'csrf';
