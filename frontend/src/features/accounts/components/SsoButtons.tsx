import { Button, Stack } from '@mantine/core';

import { readCookie } from '@/api/client';
import type { SsoProvider } from '@/api/types';

/**
 * Single sign-on starts with a real form POST (not fetch): allauth answers with a redirect
 * to the identity provider, which the browser must follow as a top-level navigation.
 */
export function SsoButtons({ providers }: { providers: SsoProvider[] }) {
  if (!providers.length) return null;
  return (
    <Stack gap="xs" aria-label="Single sign-on">
      {providers.map((provider) => (
        <form
          key={provider.id}
          method="post"
          action="/_allauth/browser/v1/auth/provider/redirect"
          // Read the token when submitting: it may have rotated since render.
          onSubmit={(event) => {
            const input = event.currentTarget.elements.namedItem('csrfmiddlewaretoken');
            if (input instanceof HTMLInputElement) input.value = readCookie('csrftoken') ?? '';
          }}
        >
          <input type="hidden" name="provider" value={provider.id} />
          <input type="hidden" name="callback_url" value="/" />
          <input type="hidden" name="process" value="login" />
          <input type="hidden" name="csrfmiddlewaretoken" defaultValue="" />
          <Button type="submit" variant="default" fullWidth>
            Continue with {provider.name}
          </Button>
        </form>
      ))}
    </Stack>
  );
}
