import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { renderWithProviders } from '@/test/render';

import { CheckList } from './CheckList';

describe('CheckList', () => {
  it('lists failing checks first as plain sentences, then passing ones compactly', () => {
    renderWithProviders(
      <CheckList
        checks={[
          { code: 'not_approved', ok: true, detail: 'Approved.' },
          {
            code: 'not_original',
            ok: false,
            detail: 'Your text is too close to the suggested copy; say it in your own words',
          },
          { code: 'too_long', ok: false, detail: '' },
          { code: 'daily_cap', ok: true, detail: '' },
        ]}
      />,
    );
    const failing = screen.getByTestId('failing-checks');
    const items = within(failing).getAllByRole('listitem');
    expect(items.map((i) => i.textContent)).toEqual([
      'Your text is too close to the suggested copy; say it in your own words.',
      'This does not pass the rule "within the length limit".',
    ]);
    const passing = screen.getByTestId('passing-checks');
    expect(
      within(passing)
        .getAllByRole('listitem')
        .map((i) => i.textContent),
    ).toEqual(['✓ Content approved', '✓ Within the daily limit']);
    // Failing checks come before passing ones in the document.
    expect(
      failing.compareDocumentPosition(passing) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    expect(screen.getByTestId('check-list').textContent).not.toMatch(/[{}[\]]|not_original/);
  });

  it('shows nothing failing when all pass', () => {
    renderWithProviders(<CheckList checks={[{ code: 'too_long', ok: true, detail: '' }]} />);
    expect(screen.queryByTestId('failing-checks')).not.toBeInTheDocument();
  });
});
