"""Demo traffic for the docker-compose stack (profile "demo"): three small services that log and expose
metrics the way real ones do, and break now and then, so the hub has something to explain.

  web (frontend) -> orders (API) -> orders-db (PostgreSQL)

Every DEMO_FAILURE_EVERY seconds (default 300) one failure starts and lasts about two minutes; the
symptoms show where they would in production, not only on the broken service:
  - disk full on orders-db: "No space left on device" in its log, 5xx and timeouts on orders and web
  - connection pool exhausted on orders: pool timeouts in its log, latency and 5xx on web
  - bad deploy of orders: a new version logs NullPointerExceptions, 5xx on orders and web
  - expired TLS certificate towards orders-db: handshake failures in orders' log

Logs: one JSON object per line in DEMO_LOG_DIR/<service>.log (Vector ships them). Metrics: Prometheus
text format on :9102/metrics. Standard library only, so it runs in a plain python image.
"""
import json
import os
import random
import threading
import time
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOG_DIR = os.environ.get("DEMO_LOG_DIR", "/var/log/services")
FAILURE_EVERY = int(os.environ.get("DEMO_FAILURE_EVERY", "300"))
FAILURE_LENGTH = int(os.environ.get("DEMO_FAILURE_LENGTH", "120"))
MAX_LOG_BYTES = 50 * 1024 * 1024
BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)
SERVICES = ("web", "orders")

lock = threading.Lock()
requests = {}         # (service, code) -> count
durations = {s: [0] * (len(BUCKETS) + 1) for s in SERVICES}
duration_sum = {s: 0.0 for s in SERVICES}
state = {"failure": None, "until": 0.0, "disk": 0.62, "pool_in_use": 12, "version": "1.4.2"}


def now_iso():
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def log(service, level, message, **fields):
    path = os.path.join(LOG_DIR, service + ".log")
    if os.path.exists(path) and os.path.getsize(path) > MAX_LOG_BYTES:
        os.truncate(path, 0)
    line = {"@timestamp": now_iso(), "service": service, "level": level, "message": message,
            "host": {"name": service + "-1"}}
    line.update(fields)
    with open(path, "a", encoding="utf-8") as out:
        out.write(json.dumps(line) + "\n")


def observe(service, code, seconds):
    with lock:
        requests[(service, code)] = requests.get((service, code), 0) + 1
        duration_sum[service] += seconds
        for i, bound in enumerate(BUCKETS):
            if seconds <= bound:
                durations[service][i] += 1
        durations[service][-1] += 1


def one_request():
    failure = state["failure"]
    order = random.randint(10000, 99999)
    user = random.randint(1, 5000)
    latency = random.uniform(0.02, 0.12)
    orders_code = 200
    if failure == "disk_full":
        if random.random() < 0.4:
            log("orders-db", "error", "could not extend file \"base/16384/2619\": No space left on device",
                hint="Check free disk space.")
            log("orders", "error", "insert into orders failed: ERROR: could not extend file: No space left on device "
                "(SQLSTATE 53100)", order_id=order)
            orders_code = 500
    elif failure == "pool_exhausted":
        latency += random.uniform(0.5, 2.0)
        if random.random() < 0.3:
            log("orders", "error", "HikariPool-1 - Connection is not available, request timed out after 30000ms",
                pool="HikariPool-1", active=50, idle=0, waiting=random.randint(20, 80))
            orders_code = 503
    elif failure == "bad_deploy":
        if random.random() < 0.35:
            log("orders", "error", "java.lang.NullPointerException: Cannot invoke \"Customer.getAddress()\" because "
                "\"customer\" is null\n\tat shop.orders.OrderService.place(OrderService.java:118)\n\tat "
                "shop.orders.OrderController.create(OrderController.java:42)", version=state["version"])
            orders_code = 500
    elif failure == "cert_expired":
        if random.random() < 0.3:
            log("orders", "error", "FATAL: SSL connection to orders-db:5432 failed: certificate verify failed: "
                "certificate has expired (notAfter=" + time.strftime("%b %d %H:%M:%S %Y", time.gmtime(time.time() - 3600))
                + " GMT)")
            orders_code = 500
    observe("orders", orders_code, latency)
    if orders_code >= 500:
        log("web", "warn", "upstream orders answered %d for POST /api/orders" % orders_code, upstream="orders",
            status=orders_code, user_id=user)
        observe("web", 502, latency + 0.01)
    else:
        log("orders", "info", "order %d placed for user %d in %d ms" % (order, user, latency * 1000), order_id=order)
        log("web", "info", "POST /checkout 200 %d ms" % (latency * 1000 + 5), user_id=user)
        observe("web", 200, latency + 0.01)
    if random.random() < 0.02:
        log("web", "warn", "slow client %s closed the connection early" % ".".join(
            str(random.randint(1, 254)) for _ in range(4)))


def failures():
    next_failure = time.time() + min(90, FAILURE_EVERY)
    kinds = ["disk_full", "pool_exhausted", "bad_deploy", "cert_expired"]
    while True:
        time.sleep(1)
        now = time.time()
        if state["failure"] and now > state["until"]:
            log("orders", "info", "recovered from %s" % state["failure"])
            state.update(failure=None, disk=0.62, pool_in_use=12)
            if state["version"] == "1.5.0":
                log("orders", "info", "rolled back to version 1.4.2", version="1.4.2")
                state["version"] = "1.4.2"
        if not state["failure"] and now >= next_failure:
            kind = random.choice(kinds)
            state.update(failure=kind, until=now + FAILURE_LENGTH)
            next_failure = now + FAILURE_EVERY
            if kind == "disk_full":
                state["disk"] = 0.991
                log("orders-db", "warn", "checkpoints are occurring too frequently (9 seconds apart)")
            elif kind == "pool_exhausted":
                state["pool_in_use"] = 50
            elif kind == "bad_deploy":
                state["version"] = "1.5.0"
                log("orders", "info", "starting orders version 1.5.0 (deploy by ci-pipeline)", version="1.5.0")


def metrics_text():
    out = ["# TYPE demo_http_requests_total counter"]
    with lock:
        for (service, code), count in sorted(requests.items()):
            out.append('demo_http_requests_total{service="%s",code="%d"} %d' % (service, code, count))
        out.append("# TYPE demo_http_request_duration_seconds histogram")
        for service in SERVICES:
            for i, bound in enumerate(BUCKETS):
                out.append('demo_http_request_duration_seconds_bucket{service="%s",le="%s"} %d'
                           % (service, bound, durations[service][i]))
            out.append('demo_http_request_duration_seconds_bucket{service="%s",le="+Inf"} %d'
                       % (service, durations[service][-1]))
            out.append('demo_http_request_duration_seconds_count{service="%s"} %d' % (service, durations[service][-1]))
            out.append('demo_http_request_duration_seconds_sum{service="%s"} %f' % (service, duration_sum[service]))
    out.append("# TYPE demo_disk_used_ratio gauge")
    out.append('demo_disk_used_ratio{service="orders-db",volume="/var/lib/postgresql"} %f' % state["disk"])
    out.append("# TYPE demo_db_connections_in_use gauge")
    out.append('demo_db_connections_in_use{service="orders"} %d' % state["pool_in_use"])
    out.append("# TYPE demo_db_connections_max gauge")
    out.append('demo_db_connections_max{service="orders"} 50')
    return "\n".join(out) + "\n"


class Metrics(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path != "/metrics":
            self.send_error(404)
            return
        body = metrics_text().encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; version=0.0.4")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def main():
    os.makedirs(LOG_DIR, exist_ok=True)
    threading.Thread(target=failures, daemon=True).start()
    threading.Thread(target=ThreadingHTTPServer(("0.0.0.0", 9102), Metrics).serve_forever, daemon=True).start()
    while True:
        one_request()
        time.sleep(random.uniform(0.05, 0.2))


if __name__ == "__main__":
    main()
