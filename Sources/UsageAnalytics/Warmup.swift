import Crypto
import Logging
import Metrics
import AsyncHTTPClient
import ServiceLifecycle
import CompressNIO
