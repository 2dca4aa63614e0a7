#!/usr/bin/env python3
"""The deadline rush of `make bench`: every producer of FILE ("session<TAB>form body" per line)
submits its application exactly once, over CONNECTIONS keep-alive connections to BASE_URL.
Prints "submits seconds p50_ms p99_ms errors". Standard library only (asyncio), so that the
measuring side stays small next to the server."""
import asyncio
import os
import sys
import time
from urllib.parse import urlparse


async def worker(host, port, queue, cookie_name, origin, latencies, errors):
    reader, writer = await asyncio.open_connection(host, port)
    while True:
        try:
            token, body = queue.get_nowait()
        except asyncio.QueueEmpty:
            break
        data = body.encode()
        request = (
            f"POST /api/producer/save-application HTTP/1.1\r\nHost: {host}:{port}\r\n"
            f"Content-Type: application/x-www-form-urlencoded\r\nAccept: application/json\r\n"
            f"Origin: {origin}\r\nCookie: {cookie_name}={token}\r\nContent-Length: {len(data)}\r\n\r\n"
        ).encode() + data
        start = time.perf_counter()
        writer.write(request)
        await writer.drain()
        status_line = await reader.readline()
        length = 0
        while True:
            line = await reader.readline()
            if line in (b"\r\n", b""):
                break
            name, _, value = line.decode("latin1").partition(":")
            if name.strip().lower() == "content-length":
                length = int(value.strip())
        payload = await reader.readexactly(length)
        latencies.append((time.perf_counter() - start) * 1000)
        if b" 200 " not in status_line:
            errors.append(status_line.decode("latin1").strip() + " " + payload[:200].decode("utf8", "replace"))
    writer.close()


async def main(path, connections):
    base = os.environ["BASE_URL"]
    url = urlparse(base)
    cookie_name = os.environ.get("COOKIE_NAME", "xttm_session")
    queue = asyncio.Queue()
    with open(path, encoding="utf8") as f:
        for line in f:
            token, body = line.rstrip("\n").split("\t", 1)
            queue.put_nowait((token, body))
    total = queue.qsize()
    latencies, errors = [], []
    start = time.perf_counter()
    await asyncio.gather(*(worker(url.hostname, url.port, queue, cookie_name, base, latencies, errors)
                           for _ in range(connections)))
    seconds = time.perf_counter() - start
    latencies.sort()
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]
    for e in errors[:5]:
        print(e, file=sys.stderr)
    print(f"{total} {seconds:.3f} {pick(0.50):.1f} {pick(0.99):.1f} {len(errors) + total - len(latencies)}")


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 16))
