import factory
from django.utils import timezone

from cme.notifications.models import Message


class MessageFactory(factory.django.DjangoModelFactory[Message]):
    class Meta:
        model = Message

    idempotency_key = factory.Sequence(lambda n: f"test:{n}")
    template = "new_referral"
    recipient_email = factory.Sequence(lambda n: f"someone{n}@council.example")
    subject = "New referral R-TEST for the children missing education team"
    reference = "R-TEST"
    record_type = "referrals.referral"
    status = Message.Status.SENT
    channel = Message.Channel.EMAIL
    attempts = 1
    sent_on = factory.LazyFunction(timezone.now)
