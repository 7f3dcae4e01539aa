import { Avatar, Button, Menu, Text } from '@mantine/core';
import { Link, useNavigate } from 'react-router';

import type { Me } from '@/api/types';
import { useLogout } from '@/features/accounts';

export function UserMenu({
  me,
  voiceHref,
}: {
  me: Me;
  /** This organisation's "My voice" page. */
  voiceHref: string;
}) {
  const logout = useLogout();
  const navigate = useNavigate();
  return (
    <Menu position="bottom-end" width={240}>
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          px="xs"
          // An icon, not initials: text in the button that is not in its name trips up
          // voice control users ("click Account menu") and axe's label-content-name-mismatch.
          leftSection={<Avatar size="sm" color="blue" radius="xl" aria-hidden />}
          aria-label={`Account menu for ${me.name || me.email}`}
        >
          <Text size="sm" visibleFrom="sm" data-testid="user-name">
            {me.name || me.email}
          </Text>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{me.email}</Menu.Label>
        <Menu.Item component={Link} to={voiceHref}>
          My voice
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item
          onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/login') })}
        >
          Log out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
