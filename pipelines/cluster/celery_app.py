"""The Celery app the cluster's workers run (``celery -A pipelines.cluster.celery_app worker``).

It is dagster-celery's own app and step task (``dagster_celery.make_app`` / ``create_task``),
configured from the same settings as the executor of ``pipelines.cluster.backfill.cluster_backfill``
(broker, result backend, late acknowledgement, visibility timeout), so the workers take exactly
the tasks the coordinator sends. Queues: ``dagster`` (text steps), ``ocr`` (documents with scanned
pages: GPU workers, or CPU workers that also take it), ``cstats_publish`` (the publish, on the
host that owns the warehouse volume); docs/deploy.md has the commands:

    celery -A pipelines.cluster.celery_app worker -Q dagster,ocr,cstats_publish --pool solo   # one host
    celery -A pipelines.cluster.celery_app worker -Q ocr --pool solo                          # a GPU host
"""

from dagster_celery.executor import CeleryExecutor
from dagster_celery.make_app import make_app
from dagster_celery.tasks import create_task

from pipelines.cluster.backfill import celery_config

app = make_app(CeleryExecutor.for_cli(**celery_config()).app_args())
execute_plan = create_task(app)
