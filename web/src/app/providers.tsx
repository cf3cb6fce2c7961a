import { useState, type ReactNode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { TokenPromptProvider } from '../components/token-prompt.tsx';
import { createQueryClient } from '../lib/query-client.ts';

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <TokenPromptProvider>{children}</TokenPromptProvider>
    </QueryClientProvider>
  );
}
