# The Carnet API (and CLI) image used by docker-compose.yml.
FROM node:20-bookworm AS build
WORKDIR /app
COPY . .
# `npm ci` compiles better-sqlite3 and, through the prepare script, builds dist/.
RUN npm ci && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
COPY --from=build /app /app
ENV NODE_ENV=production
EXPOSE 3000
# The young generation's size as `npm start` sets it (README, Configuration).
CMD ["node", "--max-semi-space-size=32", "dist/apps/api/src/main.js"]
