// The sandbox process as `npm start` runs it (configuration from the environment, graceful SIGTERM),
// for when dist/cli.js does not exist yet. Needs `npm run build` first.
import { main } from '../dist/server.js'

await main()
