"""What TensorBoard itself serves for log directories, as JSON on stdout.

Usage: python tensorboard-view.py LOGDIR...

For each LOGDIR, TensorBoard's WSGI app with its default plugins is built over the
Python loader (EventMultiplexer / EventAccumulator, `--load_fast=false`), every sample
kept, and queried through the routes its dashboards call: scalars, histograms, text,
the HParams experiment and session groups, and the projector's runs, config, tensors
and metadata. The tests of @w2v/cli compare this with what a run wrote.
"""

import json
import sys

from tensorboard import default, program
from tensorboard.backend import application
from tensorboard.backend.event_processing.data_ingester import LocalDataIngester
from werkzeug.test import Client

# Samples kept per tag (0 would keep all in the loader but make the dashboards return none).
KEEP_ALL = 1_000_000
STATUSES = ["STATUS_UNKNOWN", "STATUS_SUCCESS", "STATUS_FAILURE", "STATUS_RUNNING"]


def client_for(logdir):
    tb = program.TensorBoard(default.get_plugins())
    tb.configure(
        logdir=logdir,
        load_fast="false",
        reload_interval=0,
        reload_task="blocking",
        samples_per_plugin={"scalars": KEEP_ALL, "histograms": KEEP_ALL, "text": KEEP_ALL},
    )
    ingester = LocalDataIngester(tb.flags)
    ingester.start()
    app = application.TensorBoardWSGIApp(
        tb.flags,
        tb.plugin_loaders,
        ingester.data_provider,
        tb.assets_zip_provider,
        ingester.deprecated_multiplexer,
    )
    return Client(app)


def fetch(client, path, body=None, **query):
    response = (
        client.post(path, data=json.dumps(body), content_type="application/json")
        if body is not None
        else client.get(path, query_string=query)
    )
    if response.status_code != 200:
        raise RuntimeError(f"{path} {query}: HTTP {response.status_code}: {response.get_data(as_text=True)}")
    return response


def fetch_json(client, path, body=None, **query):
    return json.loads(fetch(client, path, body, **query).get_data(as_text=True))


def per_tag(client, plugin, route, tags_by_run, convert):
    return {
        run: {tag: [convert(point) for point in fetch_json(client, f"/data/plugin/{plugin}/{route}", run=run, tag=tag)]
              for tag in tags}
        for run, tags in tags_by_run.items()
    }


def projector(client):
    runs = {}
    for run in fetch_json(client, "/data/plugin/projector/runs"):
        config = fetch_json(client, "/data/plugin/projector/info", run=run)
        embeddings = []
        for embedding in config.get("embeddings", []):
            name = embedding["tensorName"]
            tensor = fetch(client, "/data/plugin/projector/tensor", run=run, name=name).get_data()
            metadata = fetch(client, "/data/plugin/projector/metadata", run=run, name=name).get_data(as_text=True)
            values = memoryview(tensor).cast("f").tolist()
            embeddings.append({**embedding, "values": values, "metadata": metadata})
        runs[run] = embeddings
    return runs


def view(logdir):
    client = client_for(logdir)
    scalar_tags = {run: list(tags) for run, tags in fetch_json(client, "/data/plugin/scalars/tags").items()}
    histogram_tags = {run: list(tags) for run, tags in fetch_json(client, "/data/plugin/histograms/tags").items()}
    text_tags = fetch_json(client, "/data/plugin/text/tags")
    groups_request = {"experimentName": "", "allowedStatuses": STATUSES, "startIndex": 0, "sliceSize": 1000}
    return {
        "runs": fetch_json(client, "/data/runs"),
        "scalars": per_tag(client, "scalars", "scalars", scalar_tags, lambda p: {"step": p[1], "value": p[2]}),
        "histograms": per_tag(
            client, "histograms", "histograms", histogram_tags,
            lambda p: {"step": p[1], "count": sum(bucket[2] for bucket in p[2]),
                       "min": p[2][0][0] if p[2] else None, "max": p[2][-1][1] if p[2] else None},
        ),
        "text": per_tag(client, "text", "text", text_tags, lambda p: {"step": p["step"], "text": p["text"]}),
        "hparams": {
            "experiment": fetch_json(client, "/data/plugin/hparams/experiment", {"experimentName": ""}),
            "sessionGroups": fetch_json(client, "/data/plugin/hparams/session_groups", groups_request),
        },
        "projector": projector(client),
    }


if __name__ == "__main__":
    json.dump({logdir: view(logdir) for logdir in sys.argv[1:]}, sys.stdout)
