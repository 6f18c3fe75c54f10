import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // server.ts compresses, at a faster level than Next would.
  compress: false,
  // Another build directory lets a second build run beside a served one (tests, benchmarks).
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
};

export default nextConfig;
