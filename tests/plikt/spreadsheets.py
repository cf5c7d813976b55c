"""Reading the admin reports' exports in tests as Excel would: the bytes, not the view's rows."""

import csv
import io

BOM = b"\xef\xbb\xbf"


def csv_bytes(response) -> bytes:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return b"".join(response.streaming_content)


def read_csv(response) -> list[list[str]]:
    """Header row first. Fails unless the file starts with the UTF-8 byte-order mark."""
    data = csv_bytes(response)
    assert data.startswith(BOM), data[:20]
    return list(csv.reader(io.StringIO(data[len(BOM) :].decode("utf-8"))))


def read_xlsx(response) -> list[list]:
    import openpyxl

    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    sheet = openpyxl.load_workbook(io.BytesIO(content), read_only=True).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]
