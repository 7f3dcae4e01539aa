import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import type { Me } from '@/api/types';
import { renderWithProviders } from '@/test/render';

import { UserMenu } from './UserMenu';

const me: Me = { id: 'u1', email: 'pat@demo.example', name: 'Pat Doe', memberships: [] };

describe('UserMenu', () => {
  it('opens "My voice" for this organisation from the account menu', async () => {
    renderWithProviders(<UserMenu me={me} voiceHref="/o/demo/voice" />, { route: '/o/demo' });
    const user = userEvent.setup({ delay: null });

    await user.click(screen.getByRole('button', { name: 'Account menu for Pat Doe' }));
    await user.click(await screen.findByRole('menuitem', { name: 'My voice' }));

    expect(screen.getByTestId('location')).toHaveTextContent(/^\/o\/demo\/voice$/);
  });
});
