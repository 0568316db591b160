// Chinese wording and China-time formatting shared by the pages.

const CHINA = 'Asia/Shanghai';

const dateTimeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: CHINA, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
});
const timeFormat = new Intl.DateTimeFormat('zh-CN', { timeZone: CHINA, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

/** "2026/11/23 17:20:10" in China time, or "—" for nothing. */
export function dateTime(iso) {
  if (!iso) return '—';
  const value = new Date(iso);
  return Number.isNaN(value.getTime()) ? iso : dateTimeFormat.format(value);
}

/** "17:20:10" in China time. */
export function time(iso) {
  if (!iso) return '—';
  const value = new Date(iso);
  return Number.isNaN(value.getTime()) ? iso : timeFormat.format(value);
}

/** Today's date in China time as yyyy-MM-dd (the service's calendar). */
export function chinaToday(now = new Date()) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: CHINA }).format(now);
}

/** yyyy-MM-dd shifted by a number of days. */
export function addDays(isoDate, days) {
  const value = new Date(`${isoDate}T00:00:00Z`);
  value.setUTCDate(value.getUTCDate() + days);
  return value.toISOString().slice(0, 10);
}

/** 75 → "01:15", 3725 → "1:02:05". */
export function duration(seconds) {
  if (seconds === null || seconds === undefined) return '—';
  const total = Math.max(0, Math.floor(seconds));
  const h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), s = total % 60;
  const two = n => String(n).padStart(2, '0');
  return h ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

export function percent(ratio) {
  return ratio === null || ratio === undefined ? '—' : `${(ratio * 100).toFixed(1)}%`;
}

const DISPOSITIONS = {
  completed: '自助完成', transferred: '转人工', abandoned: '来电者挂机', input_failed: '输入失败', error: '系统错误',
  node_lost: '节点失联', server_lost: '服务重启中断',
};
export const dispositionLabel = d => (d ? DISPOSITIONS[d] ?? d : '进行中');
export const dispositionNames = Object.keys(DISPOSITIONS);

const ROLES = { agent: '咨询员', supervisor: '班长（主管）', editor: '采编', admin: '管理员' };
export const roleLabel = r => ROLES[r] ?? r;
export const roleNames = Object.keys(ROLES);

const STATUSES = {
  new: '待分配', assigned: '已分配', called_back: '已回电', done: '已回访',
  queued: '排队中', sending: '发送中', sent: '已发送', failed: '失败', retry_wait: '等待重试', cancelled: '已取消',
};
export const statusLabel = s => STATUSES[s] ?? s;

const EVENT_KINDS = {
  CallStarted: '来电接入', NodeEntered: '进入节点', NodeLeft: '离开节点', PromptPlayed: '播放提示音',
  PlaybackInterrupted: '按键打断播放', DigitsReceived: '收到按键', InputRejected: '输入无效', LookupStarted: '开始查询',
  LookupCompleted: '查询完成', VariableSet: '设置变量', RecordingSaved: '录音已保存', TransferRequested: '请求转接',
  TransferCompleted: '转接完成', FlowReturned: '返回上级流程', CallEnded: '通话结束',
};
export const eventKindLabel = k => EVENT_KINDS[k] ?? k;

const ACTIONS = {
  sign_in: '登录', sign_out: '退出', refused: '拒绝访问', recording_view: '收听录音', export_script: '导出回放脚本',
  export_csv: '导出通话记录', user_create: '新建用户', user_change: '修改用户', message_assign: '分配留言',
  message_called_back: '留言已回电', follow_up_assign: '分配回访', follow_up_done: '完成回访', fax_retry: '重发传真', server_drain: '排空节点', pin_unlock: '解除密码锁定',
  retention_prune: '按保留期清理', backup: '备份',
  missed_called_back: '未接来电已回拨', caller_flag_add: '标记来电号码', caller_flag_remove: '取消号码标记', message_emergency: '标记紧急留言',
};
export const actionLabel = a => ACTIONS[a] ?? a;
export const actionNames = Object.keys(ACTIONS);

const SURVEY = { 1: '满意', 2: '基本满意', 3: '不满意' };
export const surveyLabel = score => SURVEY[score] ?? `评分 ${score}`;
