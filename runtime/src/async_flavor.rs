//! The async flavor of the client: [`Core`] answers a generated endpoint's [`Call`] with a
//! [`CallFuture`] (sent when first polled) and a paginated list with a [`Paginator`].

use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

use serde::de::DeserializeOwned;

use super::call::{Call, Flavor};
use super::core::{Answer, Core};
use super::error::Error;
use super::page::Paginator;

/// The future an async client's endpoint method returns: `.await` it for the result. It owns
/// everything it needs (it may outlive the client and the arguments, and be spawned), and sends
/// nothing until it is first polled.
#[must_use = "a call is sent only when its future is awaited"]
pub struct CallFuture<T> {
    answer: Pin<Box<dyn Future<Output = Result<Answer, Error>> + Send>>,
    decode: fn(Answer) -> Result<T, Error>,
    result: PhantomData<fn() -> T>,
}

impl<T> fmt::Debug for CallFuture<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CallFuture").finish_non_exhaustive()
    }
}

impl<T> Future for CallFuture<T> {
    type Output = Result<T, Error>;

    fn poll(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<Self::Output> {
        self.answer.as_mut().poll(context).map(|answer| answer.and_then(self.decode))
    }
}

/// The answer to `call`, sent with a clone of `core`: not generic, so compiled once.
fn answer(core: &Core, call: Call) -> Pin<Box<dyn Future<Output = Result<Answer, Error>> + Send>> {
    let core = core.clone();
    Box::pin(async move { core.send_call(call).await })
}

impl Flavor for Core {
    type Reply<T: DeserializeOwned + Send + 'static> = CallFuture<T>;
    type Pages<T: DeserializeOwned + Send + 'static> = Paginator<T>;

    fn send<T: DeserializeOwned + Send + 'static>(&self, call: Call) -> CallFuture<T> {
        CallFuture { answer: answer(self, call), decode: Answer::decode::<T>, result: PhantomData }
    }

    fn send_empty(&self, call: Call) -> CallFuture<()> {
        CallFuture { answer: answer(self, call), decode: |_| Ok(()), result: PhantomData }
    }

    fn pages<T: DeserializeOwned + Send + 'static>(&self, call: Call) -> Paginator<T> {
        Paginator::from_call(self.clone(), &call)
    }
}
