//! Connection timeouts: a client that holds a connection open without
//! finishing a request (sending headers a byte at a time, or keeping an idle
//! keep-alive connection) is cut off, so a few slow clients cannot tie up
//! the server.
//!
//! The rule, applied below HTTP on the connection itself: while the server
//! waits to read, the client has [`CONNECTION_TIMEOUT`] from the connection's
//! start or the server's last write to get a request answered. That bounds
//! both the time to send a request's headers and the idle time between
//! requests; a long answer (an export) is not cut, since each write restarts
//! the clock.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::{Instant, Sleep};

/// How long a connection may wait for its client's next request.
pub const CONNECTION_TIMEOUT: Duration = Duration::from_secs(30);

/// A listener whose connections time out as the module says.
pub struct TimedListener {
    pub inner: TcpListener,
    pub timeout: Duration,
}

impl axum::serve::Listener for TimedListener {
    type Io = TimedStream;
    type Addr = std::net::SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        let (io, addr) = axum::serve::Listener::accept(&mut self.inner).await;
        (TimedStream::new(io, self.timeout), addr)
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        self.inner.local_addr()
    }
}

/// A TCP stream whose reads fail with `TimedOut` once the client has had
/// `timeout` since the start or the last write without the server writing.
pub struct TimedStream {
    io: TcpStream,
    timeout: Duration,
    deadline: Pin<Box<Sleep>>,
}

impl TimedStream {
    pub fn new(io: TcpStream, timeout: Duration) -> Self {
        TimedStream {
            io,
            timeout,
            deadline: Box::pin(tokio::time::sleep(timeout)),
        }
    }
}

impl AsyncRead for TimedStream {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        match Pin::new(&mut self.io).poll_read(cx, buf) {
            Poll::Pending => match self.deadline.as_mut().poll(cx) {
                Poll::Ready(()) => Poll::Ready(Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    "client sent no complete request in time",
                ))),
                Poll::Pending => Poll::Pending,
            },
            ready => ready,
        }
    }
}

impl AsyncWrite for TimedStream {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let r = Pin::new(&mut self.io).poll_write(cx, buf);
        if matches!(r, Poll::Ready(Ok(n)) if n > 0) {
            let next = Instant::now() + self.timeout;
            self.deadline.as_mut().reset(next);
        }
        r
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};

    /// A client that sends half a request and stalls is disconnected after
    /// the timeout; one that asks in time is answered.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn stalled_clients_are_cut_off() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let app = axum::Router::new().route("/", axum::routing::get(|| async { "ok" }));
        let timed = TimedListener {
            inner: listener,
            timeout: Duration::from_millis(300),
        };
        tokio::spawn(async move { axum::serve(timed, app).await });
        let client = tokio::task::spawn_blocking(move || {
            let mut slow = std::net::TcpStream::connect(addr).unwrap();
            slow.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
            slow.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").unwrap();
            let started = std::time::Instant::now();
            let mut buf = Vec::new();
            let n = slow.read_to_end(&mut buf).unwrap_or(0);
            let waited = started.elapsed();

            let mut quick = std::net::TcpStream::connect(addr).unwrap();
            quick
                .set_read_timeout(Some(Duration::from_secs(5)))
                .unwrap();
            quick
                .write_all(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                .unwrap();
            let mut answer = String::new();
            quick.read_to_string(&mut answer).unwrap();
            (n, waited, answer)
        });
        let (n, waited, answer) = client.await.unwrap();
        assert_eq!(n, 0, "no answer to half a request");
        assert!(
            waited >= Duration::from_millis(250) && waited < Duration::from_secs(4),
            "{waited:?}"
        );
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    }
}
