from django.core.management.base import BaseCommand

from rinnalla.catalogue.services import catalogue_load


class Command(BaseCommand):
    help = "Add the service catalogue's seed services and referral criteria that are missing."

    def handle(self, *args, **options):
        result = catalogue_load()
        self.stdout.write(
            f"{result['services']} services and {result['criteria']} criteria lists added."
        )
