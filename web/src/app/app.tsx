import { Layout } from './layout.tsx';
import { Providers } from './providers.tsx';

export function App() {
  return (
    <Providers>
      <Layout />
    </Providers>
  );
}
