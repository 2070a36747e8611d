"""Generate deterministic synthetic data at county volume (see rinnalla.demo.synthetic)."""

import datetime
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from tqdm import tqdm

from rinnalla.demo import synthetic


def _date(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


class Command(BaseCommand):
    help = (
        "Generate deterministic synthetic clients, referrals, client relationships and "
        "10-60 path events each (same --seed and --today, same data). Continues an "
        "earlier, smaller run of the same seed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--clients",
            type=int,
            required=True,
            help="Total number of synthetic clients wanted for this seed.",
        )
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--batch",
            type=int,
            default=2000,
            help="Rows per INSERT (and at most 1000 clients per transaction).",
        )
        parser.add_argument(
            "--today",
            type=_date,
            default=datetime.date(2026, 11, 1),
            help="The last day with data (YYYY-MM-DD); fixed so the output "
            "does not depend on the clock.",
        )
        parser.add_argument(
            "--event-share",
            type=float,
            default=1.0,
            help="Scale the 10-60 path events per client relationship (e.g. 0.05 for a "
            "million clients with ~2 events each). Same data only for the same share.",
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(
        self, *args, clients, seed, batch, today, no_progress=False, event_share=1.0, **options
    ):
        if clients < 0 or batch < 1 or not 0 <= event_share <= 1:
            raise CommandError("--clients must be >= 0, --batch >= 1, --event-share 0-1.")
        if today > timezone.localdate():
            raise CommandError("--today cannot be in the future: events are never in the future.")
        started = time.perf_counter()
        existing = synthetic.synthetic_client_count(seed)
        with tqdm(
            total=clients,
            initial=min(existing, clients),
            unit="client",
            disable=no_progress,
            file=self.stderr._out,
            dynamic_ncols=True,
        ) as bar:
            result = synthetic.generate(
                clients=clients,
                seed=seed,
                today=today,
                batch_size=batch,
                progress=bar.update,
                event_share=event_share,
            )
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"Synthetic data (seed {seed}, up to {today:%Y-%m-%d}): {result.created} clients "
            f"and {result.events} path events created, {result.existing} clients existed; "
            f"{elapsed:.1f} s."
        )
