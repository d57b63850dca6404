// Child process of bench/realtime.ts: the published y-websocket server (@y/websocket-server
// 0.1.1, in memory, no auth, no persistence), on the same single copy of Yjs 13, as a reference.
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import { setupWSConnection } from '@y/websocket-server/utils';
import { serveProcessStats } from './process-stats.js';

const wss = new WebSocketServer({ noServer: true });
wss.on('connection', (ws, request) => setupWSConnection(ws, request));
const server = createServer((_, response) => response.writeHead(404).end());
server.on('upgrade', (request, socket, head) => {
	// Same URL shape as ours: /ws/canvas/<id>?token=…; the reference ignores the token.
	const name = new URL(request.url ?? '/', 'http://x').pathname.split('/').pop();
	request.url = `/${name}`;
	wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
});
server.listen(0, '127.0.0.1', () => process.send?.({ type: 'listening', port: server.address().port }));

serveProcessStats();
