import { describe, expect, it } from 'vitest';

import { contentFormToInput, contentToFormValues, validateContentForm, validateUrl } from './form';

describe('content form', () => {
  it('accepts only http and https links', () => {
    expect(validateUrl('https://example.com/a')).toBeNull();
    expect(validateUrl('http://example.com')).toBeNull();
    expect(validateUrl('javascript:alert(1)')).toMatch(/http/);
    expect(validateUrl('ftp://example.com')).toMatch(/http/);
    expect(validateUrl('', true)).toBe('Enter a link.');
  });

  it('needs a title and a future expiry', () => {
    const now = new Date('2025-06-01T12:00:00');
    const values = { ...contentToFormValues(), expires_at: '2025-05-01T10:00' };
    expect(validateContentForm(values, now)).toEqual({
      title: 'Give the content a title.',
      expires_at: 'Choose a time in the future.',
    });
  });

  it('drops empty angles and sends null without an expiry', () => {
    const input = contentFormToInput({
      ...contentToFormValues(),
      title: ' Hello ',
      angles: { r1: ' Lead with it ', r2: '  ' },
    });
    expect(input.title).toBe('Hello');
    expect(input.angles).toEqual({ r1: 'Lead with it' });
    expect(input.expires_at).toBeNull();
  });
});
