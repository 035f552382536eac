"""The Celery application.

Tasks are declared with ``shared_task`` in each app's ``tasks.py``; they bind to this app.
"""

import logging
import os

from celery import Celery, Task
from django.db import transaction

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ledendemocratie.settings")

logger = logging.getLogger(__name__)


class OnCommitTask(Task):
    """A task whose ``delay_on_commit`` never breaks the request that enqueued it.

    When the broker is unreachable the work is not lost: it is stored in the database
    first (the outbox, a round's state) and the periodic sweeps pick it up later.
    """

    def delay_on_commit(self, *args, **kwargs):
        transaction.on_commit(lambda: self._publish_or_log(args, kwargs))

    def _publish_or_log(self, args, kwargs):
        try:
            self.apply_async(args, kwargs, retry=False)
        except Exception:
            logger.warning("Could not enqueue %s; a periodic sweep will catch up", self.name)


app = Celery("ledendemocratie", task_cls=OnCommitTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
