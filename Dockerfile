# syntax=docker/dockerfile:1
# MasChain eKYC sandbox. Build: docker build -t maschain-ekyc-sandbox .
# Run:   docker run --rm -p 3939:3939 maschain-ekyc-sandbox
# Own scenarios: -v "$PWD/my-scenarios:/scenarios:ro" -e SCENARIOS_DIR=/scenarios
# Help:  docker run --rm maschain-ekyc-sandbox --help

# 1. Compile TypeScript and bundle the CLI, with every dependency.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would build before the sources are here; the build runs below.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/bundle-cli.mjs ./scripts/
COPY src ./src
RUN npm run build

# 2. Production dependencies only.
FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

# 3. The image: compiled code, production dependencies, scenarios and fixtures; no compiler, no tests.
FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3939
WORKDIR /app
# Owned by root and read-only for the node user: the sandbox keeps its state in memory, or in
# Redis with REDIS_URL (examples/compose-redis), never on disk.
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY scenarios ./scenarios
COPY fixtures ./fixtures
USER node
EXPOSE 3939
# No curl in the slim image: Node's own fetch probes /health on whatever PORT the container uses.
HEALTHCHECK --interval=5s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3939) + '/health').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Exec form: node is PID 1 and gets SIGTERM itself; close-with-grace closes the server and exits 0.
# The V8 flags are npm start's (package.json): a smaller young generation and a slower-growing heap
# keep RSS under load bounded (BENCHMARKS.md). Arguments after the image name are CLI flags:
# docker run IMAGE --seed ci --scenario pass
ENTRYPOINT ["node", "--max-semi-space-size=8", "--heap-growing-percent=50", "dist/cli.js"]
CMD []
