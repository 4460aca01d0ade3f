# OpenChecker container image: `openchecker serve` (HTTP API, the default) or `openchecker agent` (worker).
# Build:  docker build -t openchecker:0.1.0 .
# Run:    docker run -v "$PWD/config:/app/config:ro" -p 8080:8080 openchecker:0.1.0            (API)
#         docker run -v "$PWD/config:/app/config:ro" openchecker:0.1.0 agent --health-port 8081 (agent)
# Configuration: /app/config/config.ini plus OPENCHECKER_<SECTION>_<KEY> variables (docs/operations.md).

ARG NODE_BUILD_IMAGE=node:20-bookworm
ARG NODE_RUNTIME_IMAGE=node:20-bookworm-slim

# ------------------------------------------------------------------ build: compile TypeScript and the dashboard
FROM ${NODE_BUILD_IMAGE} AS build
WORKDIR /src
# Dependencies first, so this layer is reused while only sources change. --ignore-scripts because `prepare`
# would build sources that are not copied yet; `npm rebuild` below runs the install scripts (native modules).
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY config ./config
COPY dashboard ./dashboard
COPY scripts ./scripts
COPY src ./src
# ScanCode's LicenseDB: the build tokenises it into dist/src/analysis/licenses/licensedb-index.bin, which is all
# the runtime reads (the raw data stays in this stage).
COPY data ./data
RUN npm rebuild \
 && npm run build \
 && npm prune --omit=dev --no-audit --no-fund

# ------------------------------------------------------------------ runtime: Node 20, git, tini, non-root
FROM ${NODE_RUNTIME_IMAGE} AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates git tini \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 openchecker \
 && useradd --system --uid 10001 --gid openchecker --home-dir /home/openchecker --create-home --shell /usr/sbin/nologin openchecker \
 && mkdir -p /workspace \
 && chown openchecker:openchecker /workspace
WORKDIR /app
# Application files stay owned by root: the process can read but not change its own code.
COPY --from=build /src/package.json ./package.json
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/bin ./bin
COPY --from=build /src/dist/src ./dist/src
COPY --from=build /src/dist/dashboard/public ./dist/dashboard/public
# The shipped EOL list and the example configuration. Kubernetes mounts the shared config volume over
# /app/config (as the seed deployment does), so that volume must hold config.ini and eol.yaml.
COPY --from=build /src/config/eol.yaml /src/config/config.example.ini ./config/
COPY deploy/docker/healthcheck.mjs ./deploy/docker/healthcheck.mjs
# Attribution of the third-party data the image ships (the LicenseDB index is derived from CC-BY-4.0 data).
COPY NOTICE ./NOTICE
# Defaults for a container; config.ini values are overridden by these, flags override both.
ENV NODE_ENV=production \
    OPENCHECKER_OPENCHECK_HOST=0.0.0.0 \
    OPENCHECKER_OPENCHECK_PORT=8080 \
    OPENCHECKER_OPENCHECK_REPOS_DIR=/workspace
USER 10001:10001
EXPOSE 8080 8081
# `serve` answers /healthz on 8080; an agent container sets OPENCHECKER_HEALTHCHECK_URL to its --health-port.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "deploy/docker/healthcheck.mjs"]
ENTRYPOINT ["tini", "--", "node", "bin/openchecker.js"]
CMD ["serve"]
