"""A TensorBoard event file writer with no TensorFlow or TensorBoard import.

An event file is a sequence of TFRecords (length, masked CRC-32C of the length, data, masked CRC-32C of
the data), each holding one serialized `Event` protocol buffer. We only need a few messages, so they are
encoded by hand here:

    Event          wall_time=1 (double), step=2 (int64), file_version=3 (string), summary=5 (Summary)
    Summary        value=1 (repeated Value)
    Summary.Value  tag=1 (string), simple_value=2 (float), histo=5 (HistogramProto)
    HistogramProto min=1, max=2, num=3, sum=4, sum_squares=5 (doubles),
                   bucket_limit=6, bucket=7 (packed doubles)
"""
import os
import socket
import struct
import time

import numpy as np


def _crc32c_table():
    table = []
    for i in range(256):
        crc = i
        for _ in range(8):
            crc = (crc >> 1) ^ 0x82F63B78 if crc & 1 else crc >> 1
        table.append(crc)
    return table


_TABLE = _crc32c_table()


def crc32c(data):
    crc = 0xFFFFFFFF
    for byte in data:
        crc = _TABLE[(crc ^ byte) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


def _masked_crc(data):
    crc = crc32c(data)
    return (((crc >> 15) | (crc << 17)) + 0xA282EAD8) & 0xFFFFFFFF


def _varint(n):
    out = bytearray()
    while True:
        bits, n = n & 0x7F, n >> 7
        out.append(bits | (0x80 if n else 0))
        if not n:
            return bytes(out)


def _field(number, wire_type, payload):
    return _varint(number << 3 | wire_type) + payload


def _bytes_field(number, data):
    return _field(number, 2, _varint(len(data)) + data)


def _double(number, value):
    return _field(number, 1, struct.pack("<d", value))


def _event(step, summary_values=None, file_version=None):
    message = _double(1, time.time()) + _field(2, 0, _varint(int(step)))
    if file_version is not None:
        message += _bytes_field(3, file_version.encode())
    if summary_values:
        message += _bytes_field(5, b"".join(_bytes_field(1, value) for value in summary_values))
    return message


def scalar_value(tag, value):
    return _bytes_field(1, tag.encode()) + _field(2, 5, struct.pack("<f", float(value)))


def histogram_value(tag, values, buckets=30):
    values = np.asarray(values, dtype="float64").ravel()
    if values.size == 0:
        values = np.zeros((1,))
    counts, edges = np.histogram(values, bins=buckets if values.min() < values.max() else 1)
    histo = (_double(1, values.min()) + _double(2, values.max()) + _double(3, values.size)
             + _double(4, values.sum()) + _double(5, float(np.sum(values * values)))
             + _bytes_field(6, struct.pack(f"<{len(edges) - 1}d", *edges[1:]))
             + _bytes_field(7, struct.pack(f"<{len(counts)}d", *counts)))
    return _bytes_field(1, tag.encode()) + _bytes_field(5, histo)


class EventFileWriter:
    """Appends events to `log_dir/events.out.tfevents.<time>.<host>.<pid>.v2`, created on first use."""

    def __init__(self, log_dir):
        self.log_dir = log_dir
        self._file = None

    def _open(self):
        os.makedirs(self.log_dir, exist_ok=True)
        name = f"events.out.tfevents.{int(time.time())}.{socket.gethostname()}.{os.getpid()}.v2"
        self._file = open(os.path.join(self.log_dir, name), "wb")
        self._write(_event(0, file_version="brain.Event:2"))

    def _write(self, event):
        header = struct.pack("<Q", len(event))
        self._file.write(header + struct.pack("<I", _masked_crc(header)) + event
                         + struct.pack("<I", _masked_crc(event)))

    def add(self, step, values):
        if self._file is None:
            self._open()
        self._write(_event(step, summary_values=values))

    def flush(self):
        if self._file is not None:
            self._file.flush()

    def close(self):
        if self._file is not None:
            self._file.close()
            self._file = None
