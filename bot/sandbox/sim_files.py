"""The simulator's files: photos and documents the bot sends or users upload, kept as Telegram keeps them
(file_id, getFile, download URL), optionally without a size or slow to download."""

from __future__ import annotations

import asyncio
import secrets
from dataclasses import dataclass

from aiohttp import web

from bot.sandbox.sim_messages import MAX_CAPTION, ApiError


@dataclass
class StoredFile:
    data: bytes
    path: str
    unique_id: str
    size_known: bool = True
    delay: float = 0.0
    downloads: int = 0  # downloads served in full


class FileStore:
    """Files by file_id, their downloads, and the send methods that carry one (mixed into BotApiSimulator)."""

    files: dict[str, StoredFile]

    async def _handle_download(self, request: web.Request) -> web.Response:
        path = request.match_info["path"]
        for stored in self.files.values():
            if stored.path == path:
                if stored.delay:
                    await asyncio.sleep(stored.delay)
                stored.downloads += 1
                return web.Response(body=stored.data)
        return web.Response(status=404, text="Not Found")

    async def api_sendPhoto(self, params: dict) -> dict:
        return await self._send_file(params, "photo")

    async def api_sendDocument(self, params: dict) -> dict:
        return await self._send_file(params, "document")

    async def _send_file(self, params: dict, kind: str) -> dict:
        chat = self._chat(params)
        caption = params.get("caption")
        parse_mode = params.get("parse_mode")
        if caption is not None:
            self._check_text(caption, parse_mode, MAX_CAPTION, "caption", allow_empty=True)
        value = params.get(kind)
        file_name = None
        if isinstance(value, dict):
            file_name = value.get("filename")
            file_id = self.store_file(value["upload"], file_name or kind)
        elif isinstance(value, str) and value.startswith("attach://"):
            upload = params.get(value.removeprefix("attach://"))
            if not isinstance(upload, dict):
                raise ApiError(400, f"Bad Request: there is no {kind} in the request")
            file_name = upload.get("filename")
            file_id = self.store_file(upload["upload"], file_name or kind)
        elif isinstance(value, str) and value in self.files:
            file_id = value
        else:
            raise ApiError(400, f"Bad Request: there is no {kind} in the request")
        message = self._add_message(
            chat["id"], from_bot=True, caption=caption, parse_mode=parse_mode,
            reply_markup=self._check_markup(params.get("reply_markup")),
            file_name=file_name, **{kind: file_id},
        )  # fmt: skip
        return message.to_api(chat, self.bot_user)

    async def api_getFile(self, params: dict) -> dict:
        file_id = params.get("file_id", "")
        stored = self.files.get(file_id)
        if stored is None:
            raise ApiError(400, "Bad Request: invalid file_id")
        answer = {"file_id": file_id, "file_unique_id": stored.unique_id, "file_path": stored.path}
        if stored.size_known:  # Telegram may leave the size out
            answer["file_size"] = len(stored.data)
        return answer

    def store_file(self, data: bytes, name: str, *, size_known: bool = True, delay: float = 0.0) -> str:
        """Keep a file as Telegram does; returns its file_id.

        ``size_known=False``: getFile answers without file_size; ``delay`` holds each download back.
        """
        file_id = "F" + secrets.token_hex(16)
        suffix = name.rsplit(".", 1)[-1] if "." in name else "bin"
        self.files[file_id] = StoredFile(data, f"files/{file_id[:8]}.{suffix}", file_id[-12:], size_known, delay)
        return file_id
