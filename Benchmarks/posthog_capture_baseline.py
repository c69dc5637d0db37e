"""Baseline for `usage-bench capture`: the official PostHog Python client's capture().

Captures the same ticket_created event (same properties, a distinct id of the same shape) with
sending disabled (`send=False`: the client builds, cleans and validates the message but queues
nothing), and prints the median cost per call over chunks of 1,000 calls, as the Swift benchmark does.
"""

import statistics
import sys
import time

import posthog
from posthog import Client

CALLS = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
CHUNK = 1_000

PROPERTIES = {
    "ticket_type": "manual",
    "priority": "high",
    "has_description": True,
    "has_category": True,
    "has_subcategory": False,
    "is_assigned": True,
    "has_asset": False,
    "created_via": "web_app",
    "app_version": "0.1.0",
    "environment": "test",
    "deployment_type": "hosted",
    "user_ids_anonymized": True,
    "$process_person_profile": False,
    "$groups": {"tenant": "3f0c5c2a9b1d4e6f8a7b6c5d4e3f2a1b"},
}


def main() -> None:
    client = Client("phc_benchmark", host="http://127.0.0.1:9", send=False, disable_geoip=True)
    distinct_id = "u_3f0c5c2a9b1d4e6f8a7b6c5d4e3f2a1b"
    for _ in range(20 * CHUNK):
        client.capture("ticket_created", distinct_id=distinct_id, properties=PROPERTIES)
    per_call = []
    for _ in range(CALLS // CHUNK):
        start = time.perf_counter_ns()
        for _ in range(CHUNK):
            client.capture("ticket_created", distinct_id=distinct_id, properties=PROPERTIES)
        per_call.append((time.perf_counter_ns() - start) / CHUNK)
    client.shutdown()
    print(f"posthog-python {posthog.VERSION} capture(), send=False: {CALLS} calls in chunks of {CHUNK}")
    print(f"python_ns_per_event={statistics.median(per_call):.1f}")


if __name__ == "__main__":
    main()
