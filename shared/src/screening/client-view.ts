/**
 * What a client's screener runner receives: the questions, without anything for clinicians
 * (no scales, bands, cut-offs, weights, codes or clinician messages). Critical items are reduced
 * to the answers that should bring up crisis help at once.
 */
import type {
  Answers,
  CriticalCondition,
  InstrumentDefinition,
  ItemDefinition,
  SectionDefinition,
} from './definition.js';
import { flattenItems } from './model.js';
import { checkAll, criticalOutcomes, enabledAnswers, meetsCondition } from './score.js';

/** Which answers to a critical item should bring up crisis help; choice items list option codes. */
export interface ClientSafetyTrigger {
  linkId: string;
  /** Choice items: the option codes that are critical. */
  answerCodes?: string[];
  /** Other item types: the condition on the answer. */
  condition?: CriticalCondition;
  /** The "right now" follow-up and the answers to it that put 988 first. */
  followUp?: { linkId: string; answerCodes?: string[]; condition?: CriticalCondition };
}

export interface ClientInstrumentView {
  id: string;
  key: string;
  version: number;
  title: string;
  description: string;
  licence: string;
  validated: boolean;
  /** The questions as the client sees them: calculated items, weights and codes left out. */
  sections: SectionDefinition[];
  safetyItems: ClientSafetyTrigger[];
}

/** A critical item's state for these answers, as the runner shows it. */
export interface SafetySignal {
  linkId: string;
  /** 'answered': a critical answer (crisis help at once); 'declined': "prefer not to answer". */
  reason: 'answered' | 'declined';
  /** The "right now" follow-up was answered so that 988 comes first. */
  rightNow: boolean;
}

function clientItem(item: ItemDefinition): ItemDefinition {
  const { code: _code, readOnly: _readOnly, ...rest } = item;
  void _code;
  void _readOnly;
  if (rest.options) {
    rest.options = rest.options.map((o) => {
      const option: NonNullable<ItemDefinition['options']>[number] = {
        code: o.code,
        display: o.display,
      };
      if (o.declines) option.declines = true;
      return option;
    });
  }
  return rest;
}

/** The trigger for one critical condition: option codes for a choice item, else the condition. */
function trigger(
  item: ItemDefinition | undefined,
  condition: CriticalCondition | undefined,
  answerCodes: string[] | undefined,
): { answerCodes?: string[]; condition?: CriticalCondition } {
  if (answerCodes) return { answerCodes: [...answerCodes] };
  if (item?.type === 'choice' && condition) {
    return {
      answerCodes: (item.options ?? [])
        .filter((o) => !o.declines && meetsCondition(item, condition, o.code))
        .map((o) => o.code),
    };
  }
  return condition ? { condition: { ...condition } } : {};
}

/** The client's view of a (valid) instrument definition. */
export function toClientInstrumentView(def: InstrumentDefinition): ClientInstrumentView {
  const byId = new Map(flattenItems(def).map((i) => [i.linkId, i]));
  const sections = def.sections
    .map((s): SectionDefinition => {
      const section: SectionDefinition = {
        key: s.key,
        title: s.title,
        intro: s.intro,
        whyWeAsk: s.whyWeAsk,
        items: s.items.filter((i) => !i.readOnly && i.type !== 'decimal').map(clientItem),
      };
      if (s.contentNotice !== undefined) section.contentNotice = s.contentNotice;
      return section;
    })
    .filter((s) => s.items.length > 0);
  return {
    id: def.id,
    key: def.key,
    version: def.version,
    title: def.title,
    description: def.description,
    licence: def.licence,
    validated: def.validated,
    sections,
    safetyItems: def.criticalItems.map((c) => {
      const t: ClientSafetyTrigger = {
        linkId: c.linkId,
        ...trigger(byId.get(c.linkId), c.condition, c.answerCodes),
      };
      if (c.followUp) {
        t.followUp = {
          linkId: c.followUp.linkId,
          ...trigger(byId.get(c.followUp.linkId), c.followUp.condition, undefined),
        };
      }
      return t;
    }),
  };
}

/**
 * The linkIds the runner shows for these answers (enableWhen), in document order.
 * @throws {AnswerError} for answers that do not fit the questions.
 */
export function visibleItemIds(
  view: { sections: readonly SectionDefinition[] },
  answers: Answers,
): string[] {
  const { enabled } = enabledAnswers(view, checkAll(view, answers));
  return flattenItems(view)
    .map((i) => i.linkId)
    .filter((id) => enabled.has(id));
}

/**
 * Critical answers and declines among these answers, as the server will see them: the runner
 * shows crisis help at once for 'answered', and 988 first when `rightNow`.
 * @throws {AnswerError} for answers that do not fit the questions.
 */
export function safetySignals(view: ClientInstrumentView, answers: Answers): SafetySignal[] {
  const { enabled, effective } = enabledAnswers(view, checkAll(view, answers));
  return criticalOutcomes(view, view.safetyItems, enabled, effective, false).map((o) => ({
    linkId: o.linkId,
    reason: o.reason === 'declined' ? 'declined' : 'answered',
    rightNow: o.rightNow,
  }));
}

/**
 * Shown critical items with no answer at all: the runner asks about them once more before
 * sending (the server raises a CHECK-IN for each one sent blank).
 */
export function unansweredSafetyItems(view: ClientInstrumentView, answers: Answers): string[] {
  const { enabled, effective } = enabledAnswers(view, checkAll(view, answers));
  return criticalOutcomes(view, view.safetyItems, enabled, effective, true)
    .filter((o) => o.reason === 'unanswered')
    .map((o) => o.linkId);
}
