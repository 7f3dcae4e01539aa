import { Avatar, Button, Menu, Text } from '@mantine/core';
import { Link, useNavigate } from 'react-router';

import type { Me } from '@/api/types';
import { useLogout } from '@/features/accounts';

function initials(me: Me): string {
  const source = me.name || me.email;
  return source
    .split(/[\s@.]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join('');
}

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
          leftSection={
            <Avatar size="sm" color="blue" radius="xl">
              {initials(me)}
            </Avatar>
          }
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
