// The chip beside a due date the server counted past the last year flows/calendar.yaml lists (dueBeyondCalendar):
// that year's holidays and 调休 days are unknown, so only weekends were skipped and the date is an estimate.

import { h } from './dom.js';
import { ownStyle } from './own-style.js';

export function dueEstimateChip(item) {
  if (!item.dueBeyondCalendar) return null;
  ownStyle('/css/due-estimate.css');
  return h('span', {
    class: 'badge due-estimate',
    title: '到期日所在年份的节假日尚未录入 flows/calendar.yaml，只排除了周末；日历补全后以实际工作日为准。',
  }, '日历未覆盖，到期日按周末估算');
}
