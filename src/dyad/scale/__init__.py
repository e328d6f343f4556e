"""Scale-out: the same stage functions over several processes (workers.py)
or a Dask cluster (cluster.py), with coded articles passed as JSON
(serial.py). The store has one writer, the process that called ingest."""
