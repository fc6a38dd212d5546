"""Drives the Store's gRPC service with the real grpcio client to prove wire compatibility.

Usage: store_grpc_client.py STUBS_DIR HOST:PORT CORRUPT_PHOTO_ID
Prints one JSON object describing what every call returned; the C# test asserts on it.
Run with Debian's /usr/bin/python3 (python3-grpcio, python3-grpc-tools).
"""
import hashlib
import json
import sys

sys.path.insert(0, sys.argv[1])

import grpc  # noqa: E402
import store_pb2  # noqa: E402
import store_pb2_grpc  # noqa: E402

VOLUME = 7
# Prepared by the C# test and left unchanged by this script, so its streamed bytes can be compared with the file.
STREAMED_VOLUME = 1
PHOTO = "7,12345678deadbeef"
WRONG_COOKIE = "7,12345678deadbeee"
DATA = bytes(range(256)) * 40


def status_of(call, *args, **kwargs):
    """Runs a call expected to fail; returns its status name and details."""
    try:
        call(*args, **kwargs)
    except grpc.RpcError as error:
        return {"code": error.code().name, "details": error.details()}
    return {"code": "OK", "details": ""}


def info(volume):
    return {"volume_id": volume.volume_id, "needle_count": volume.needle_count,
            "size_bytes": volume.size_bytes, "read_only": volume.read_only,
            "garbage_bytes": volume.garbage_bytes}


def main():
    report = {}
    with grpc.insecure_channel(sys.argv[2]) as channel:
        stub = store_pb2_grpc.StoreStub(channel)
        report["create"] = info(stub.CreateVolume(store_pb2.CreateVolumeRequest(volume_id=VOLUME)))
        report["create_again"] = status_of(stub.CreateVolume, store_pb2.CreateVolumeRequest(volume_id=VOLUME))

        written = stub.Write(store_pb2.WriteRequest(photo_id=PHOTO, data=DATA, content_type="image/png"))
        report["write"] = {"photo_id": written.photo_id, "etag": written.etag, "size": written.size}
        read = stub.Read(store_pb2.ReadRequest(photo_id=PHOTO))
        report["read"] = {"same_data": read.data == DATA, "content_type": read.content_type, "etag": read.etag}

        report["read_wrong_cookie"] = status_of(stub.Read, store_pb2.ReadRequest(photo_id=WRONG_COOKIE))
        report["read_malformed"] = status_of(stub.Read, store_pb2.ReadRequest(photo_id="7,caf\u00e9"))
        report["write_unknown_volume"] = status_of(
            stub.Write, store_pb2.WriteRequest(photo_id="99,1deadbeef", data=b"x"))
        report["write_oversize"] = status_of(
            stub.Write, store_pb2.WriteRequest(photo_id="7,2deadbeef", data=b"x" * (2 * 1024 * 1024)))
        report["read_corrupt"] = status_of(stub.Read, store_pb2.ReadRequest(photo_id=sys.argv[3]))

        report["list"] = sorted(v.volume_id for v in stub.ListVolumes(store_pb2.ListVolumesRequest()).volumes)
        report["status"] = info(stub.VolumeStatus(store_pb2.VolumeStatusRequest(volume_id=VOLUME)))
        report["status_unknown"] = status_of(stub.VolumeStatus, store_pb2.VolumeStatusRequest(volume_id=12345))

        stream = list(stub.StreamVolume(store_pb2.StreamVolumeRequest(volume_id=STREAMED_VOLUME)))
        streamed = b"".join(chunk.data for chunk in stream)
        offsets_in_order = all(
            chunk.offset == sum(len(c.data) for c in stream[:i]) for i, chunk in enumerate(stream))
        report["stream"] = {"chunks": len(stream), "total_bytes": stream[0].total_bytes, "length": len(streamed),
                            "sha256": hashlib.sha256(streamed).hexdigest(), "offsets_in_order": offsets_in_order}
        report["stream_unknown"] = status_of(
            lambda request: list(stub.StreamVolume(request)), store_pb2.StreamVolumeRequest(volume_id=12345))

        stub.Delete(store_pb2.DeleteRequest(photo_id=PHOTO))
        report["read_deleted"] = status_of(stub.Read, store_pb2.ReadRequest(photo_id=PHOTO))
        report["delete_again"] = status_of(stub.Delete, store_pb2.DeleteRequest(photo_id=PHOTO))

        compacted = stub.Compact(store_pb2.CompactRequest(volume_id=VOLUME))
        report["compact"] = {"size_before": compacted.size_before_bytes, "size_after": compacted.size_after_bytes}

        report["read_only"] = info(stub.MarkReadOnly(store_pb2.MarkReadOnlyRequest(volume_id=VOLUME)))
        report["write_read_only"] = status_of(
            stub.Write, store_pb2.WriteRequest(photo_id="7,3deadbeef", data=b"late"))

        unknown = channel.unary_unary("/haystack.store.v1.Store/Rename",
                                      request_serializer=lambda m: m.SerializeToString(),
                                      response_deserializer=store_pb2.VolumeInfo.FromString)
        report["unknown_method"] = status_of(unknown, store_pb2.ListVolumesRequest())
    print(json.dumps(report))


if __name__ == "__main__":
    main()
