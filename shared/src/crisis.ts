/** Crisis resources shown on every client page. US defaults; the practice adds its own text. */
export const CRISIS_RESOURCES = {
  lifeline: {
    name: '988 Suicide & Crisis Lifeline',
    call: 'tel:988',
    text: 'sms:988',
    chat: 'https://988lifeline.org/chat/',
  },
  emergency: { name: 'Emergency services', call: 'tel:911' },
} as const;
