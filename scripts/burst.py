#!/usr/bin/env python3
"""The busy day of `make bench`: VISITORS people open PATH within SECONDS, each on a connection of
their own opened at its moment (spread evenly over the window, as when a fair is announced and
the whole province opens the calendar), sending what a browser sends (gzip, brotli). Every answer
is read to its end. Prints "visitors answered not_200 failed p50_ms p99_ms max_ms seconds" (the
latencies of every answer, whatever its status).
Standard library only (asyncio), so that the measuring side stays small next to the server.
    BASE_URL=http://127.0.0.1:3300 scripts/burst.py PATH [VISITORS] [SECONDS]"""
import asyncio
import os
import sys
import time
from urllib.parse import urlparse


async def visit(host, port, path, at, start, results):
    await asyncio.sleep(max(0.0, start + at - time.perf_counter()))
    began = time.perf_counter()
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), 30)
        writer.write(
            (
                f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n"
                "Accept: text/html,application/xhtml+xml\r\nAccept-Encoding: gzip, deflate, br, zstd\r\n"
                "Accept-Language: vi-VN,vi;q=0.9\r\nConnection: close\r\n\r\n"
            ).encode()
        )
        await writer.drain()
        # the whole answer, to the end of the connection: the visitor has the page
        answer = await asyncio.wait_for(reader.read(), 30)
        writer.close()
        status = answer.split(b"\r\n", 1)[0]
        results.append(((time.perf_counter() - began) * 1000, b" 200 " in status, None))
    except (OSError, asyncio.TimeoutError) as e:
        results.append(((time.perf_counter() - began) * 1000, False, repr(e)))


async def main(path, visitors, seconds):
    url = urlparse(os.environ["BASE_URL"])
    results = []
    start = time.perf_counter() + 0.1
    await asyncio.gather(
        *(visit(url.hostname, url.port or 80, path, i * seconds / visitors, start, results) for i in range(visitors))
    )
    elapsed = time.perf_counter() - start
    answered = [r for r in results if r[2] is None]
    failed = [r for r in results if r[2] is not None]
    not_200 = [r for r in answered if not r[1]]
    for r in failed[:5]:
        print(f"failed after {r[0]:.0f} ms: {r[2]}", file=sys.stderr)
    times = sorted(r[0] for r in answered) or [0.0]
    pick = lambda q: times[min(len(times) - 1, int(q * len(times)))]
    print(
        f"{visitors} {len(answered)} {len(not_200)} {len(failed)} "
        f"{pick(0.5):.1f} {pick(0.99):.1f} {times[-1]:.1f} {elapsed:.1f}"
    )


if __name__ == "__main__":
    path = sys.argv[1]
    visitors = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 10.0
    asyncio.run(main(path, visitors, seconds))
