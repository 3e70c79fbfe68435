import { ApiError } from './api';
import { h } from './dom';
import type { Lang } from './format';

/**
 * What went wrong, said to the person reading the page in their language: the server's
 * English (or a proxy's HTML page) is for the hub's operators, and goes under 技术细节.
 */
const MESSAGES: Record<Lang, Record<string, string>> = {
  zh: {
    UNAUTHENTICATED: '登录已失效，请重新登录。',
    FORBIDDEN: '您的账号无权查看所选内容：请选择您辖区或业务范围内的地区和类别。',
    BAD_USER_INPUT: '查询条件有误，请检查日期、地区和类别后重试。',
    NOT_FOUND: '未找到所请求的数据，或该数据不在您的权限范围内。',
    RATE_LIMITED: '请求过于频繁，请稍后再试。',
    QUERY_TOO_COMPLEX: '所选范围的数据量过大，请缩短统计期间或缩小地区范围后重试。',
    ANALYTICS_UNAVAILABLE: '统计库暂时不可用，请稍后再试；如持续出现，请联系中心运维人员。',
    NETWORK: '无法连接到数据共享中心，请检查网络后重试。',
    BAD_RESPONSE: '服务器返回了无法识别的响应（可能是网关或代理故障），请稍后再试；如持续出现，请联系中心运维人员。',
    ERROR: '加载数据时出错，请稍后再试；如持续出现，请联系中心运维人员。',
    details: '技术细节',
    retry: '重试',
  },
  en: {
    UNAUTHENTICATED: 'Your session has ended: please sign in again.',
    FORBIDDEN: 'Your key may not see this: pick a region and category within your remit.',
    BAD_USER_INPUT: 'The filters are not valid: check the dates, region and category and try again.',
    NOT_FOUND: 'Not found, or outside your remit.',
    RATE_LIMITED: 'Too many requests: please wait a moment and try again.',
    QUERY_TOO_COMPLEX: 'Too much data for one view: shorten the period or narrow the region.',
    ANALYTICS_UNAVAILABLE: 'The statistics store is unavailable for now: try again later, or tell the hub operators if it lasts.',
    NETWORK: 'The hub cannot be reached: check the network and try again.',
    BAD_RESPONSE: 'The server sent an answer the page cannot read (a gateway or proxy fault?): try again later, or tell the hub operators if it lasts.',
    ERROR: 'Something went wrong loading the data: try again later, or tell the hub operators if it lasts.',
    details: 'Technical details',
    retry: 'Try again',
  },
};

export const errorText = (lang: Lang, key: string) => MESSAGES[lang][key] ?? MESSAGES[lang].ERROR!;

/** The code an error falls under: the API's own, a network failure, or an unreadable answer. */
export function errorCode(error: unknown): string {
  if (error instanceof ApiError) return MESSAGES.zh[error.code] ? error.code : 'ERROR';
  if (error instanceof TypeError) return 'NETWORK';
  return 'ERROR';
}

/** The error box: the user's sentence first, the server's words (as text) folded beneath. */
export function errorBox(error: unknown, lang: Lang, retry?: () => void): HTMLElement {
  const detail = error instanceof Error ? error.message : String(error);
  const retryButton = retry ? h('button', { type: 'button', id: 'retry' }, errorText(lang, 'retry')) : null;
  retryButton?.addEventListener('click', retry!);
  return h(
    'div',
    { class: 'state error', id: 'failed', role: 'alert', 'data-code': errorCode(error) },
    h('p', { class: 'message' }, errorText(lang, errorCode(error))),
    retryButton,
    h('details', {}, h('summary', {}, errorText(lang, 'details')), h('pre', { class: 'detail' }, detail)),
  );
}
