"""The nightly publish."""

import dagster as dg

from pipelines.defs.jobs import OWNERS, QUIET_LOGS, publish_job

NIGHTLY_CRON = "0 2 * * *"
TIMEZONE = "Asia/Shanghai"

nightly_publish = dg.ScheduleDefinition(
    name="nightly_publish",
    job=publish_job,
    cron_schedule=NIGHTLY_CRON,
    execution_timezone=TIMEZONE,
    default_status=dg.DefaultScheduleStatus.RUNNING,
    run_config=QUIET_LOGS,
    owners=OWNERS,
    description="Publish the warehouse from every document's stored output at 02:00 China time.",
)
