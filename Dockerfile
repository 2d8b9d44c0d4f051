# syntax=docker/dockerfile:1
#
# One image for both Fly.io process groups (fly.toml): the web app and the game server run from it with
# different commands. server/test/deploy/flyConfig.test.ts checks this file against fly.toml and the code.
#
#   docker build -t starscape .
#   docker run … starscape                                              # the web app (this CMD)
#   docker run … starscape env -C /app/server node --import tsx src/main.ts   # the game server
# Both need their environment (README, "Deploy to Fly.io"); run `npm run db:migrate` once first.
#
# Both stages use the same Debian release, so better-sqlite3 (compiled in the build stage) runs in the
# runtime stage.

ARG NODE_VERSION=20
ARG NPM_VERSION=11.19.1

# ---------------------------------------------------------------------------------------------------------
FROM node:${NODE_VERSION}-bookworm-slim AS build
ARG NPM_VERSION

# better-sqlite3 compiles with node-gyp (python3, make, g++). The lockfile is written by npm 11 (it records
# `libc` for native packages), so install with the same npm.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/* \
 && npm install -g "npm@${NPM_VERSION}"

WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1

# The whole context first: `postinstall` (scripts/prisma-generate.mjs) generates both Prisma clients from
# prisma/ during `npm ci`, without any download. .dockerignore keeps host node_modules and builds out.
COPY . .
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund

# `next build` of the web app. It needs no secrets (the web app reads its environment on first use).
# Its build cache is of no use at run time.
RUN npm run build && rm -rf web/.next/cache

# ---------------------------------------------------------------------------------------------------------
FROM node:${NODE_VERSION}-bookworm-slim AS runtime

ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1
WORKDIR /app

# node_modules stays whole: tsx runs the TypeScript sources of both servers and of the release command
# (`npm run db:migrate`). Pruning dev dependencies (the Prisma CLI, TypeScript, vitest: ~200 MB) would need
# the image to be tried without them first. Files are owned by root and read-only for the app user, except
# the web build, where Next.js writes its runtime cache.
COPY --from=build /app /app
COPY --from=build --chown=node:node /app/web/.next /app/web/.next

# The image's own unprivileged user (uid 1000).
USER node

EXPOSE 3000 2567

# Exec form, no `npm start` or shell wrapper: node gets SIGTERM itself (the game server saves every town on
# it). Fly.io replaces this with a process group's command from fly.toml; this default is the web app.
CMD ["env", "-C", "/app/web", "node", "--import", "tsx", "server.ts"]
