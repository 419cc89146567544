// A promotion's statuses and triggers as the API names them, with the words the screens show for them.
export const PROMOTION_STATUSES = ['draft', 'active', 'archived'] as const;
export type PromotionStatus = (typeof PROMOTION_STATUSES)[number];

const STATUS_LABELS: Record<PromotionStatus, string> = {
  draft: 'Draft',
  active: 'Active',
  archived: 'Archived',
};

export function statusLabel(status: PromotionStatus): string {
  return STATUS_LABELS[status];
}

export const TRIGGERS = ['automatic', 'code'] as const;
export type Trigger = (typeof TRIGGERS)[number];

const TRIGGER_LABELS: Record<Trigger, string> = { automatic: 'Automatic', code: 'With a code' };

export function triggerLabel(trigger: Trigger): string {
  return TRIGGER_LABELS[trigger];
}
